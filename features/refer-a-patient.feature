Feature: Refer a patient between hospitals
  A referring clinician sends a patient to another hospital and the receiving hospital answers.
  Every step is a ledger transaction signed by the person who took it and endorsed by both hospitals.

  Scenario: A Bang Khla clinician refers a stroke patient and Buddhasothorn accepts
    Given a Bang Khla clinician is signed in
    When she refers a fast-track stroke patient to Buddhasothorn Hospital
    Then the referral is waiting for Buddhasothorn Hospital
    When a Buddhasothorn nurse accepts the referral
    Then the history shows 2 signed steps: created by Bang Khla Hospital, then accepted by Buddhasothorn Hospital

  Scenario: Buddhasothorn refuses a referral and says why
    Given a Bang Khla clinician has referred a patient to Buddhasothorn Hospital
    When a Buddhasothorn clinician rejects it with reason "2": "no ICU bed tonight, please refer to the regional centre"
    Then the referral is rejected with reason "2"

  Scenario: The receiving hospital reads the referral straight from its own peer
    Given a Bang Khla clinician has referred a patient to Buddhasothorn Hospital
    When a Buddhasothorn nurse reads it from her hospital's peer with the Fabric CLI
    Then the peer answers with the referral, which names the patient only by a pseudonym
