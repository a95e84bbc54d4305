Feature: An auditor verifies the ledger independently of the gateway's database
  The provincial health office checks the channel's blocks themselves: that the chain of blocks is unbroken,
  that every referral step was signed by a member of the hospital it claims and endorsed by both hospitals,
  that clinical documents match the fingerprints on the ledger, and that the query store shows what the ledger holds.

  Scenario: An auditor verifies the ledger and everything checks out
    Given a Bang Khla clinician has referred a patient to Buddhasothorn Hospital with a clinical summary
    And the referral has reached the query store
    When a provincial auditor verifies the ledger and that clinical summary
    Then every check of the audit passes

  Scenario: An auditor detects a tampered store row
    Given a Bang Khla clinician has referred a patient to Buddhasothorn Hospital
    And the referral has reached the query store
    When someone changes its priority directly in the query store
    And a provincial auditor verifies the ledger
    Then the audit names that referral's priority as altered in the store, and nothing else

  Scenario: An auditor detects an altered clinical document
    Given a Bang Khla clinician has referred a patient to Buddhasothorn Hospital with a clinical summary
    When a provincial auditor verifies the ledger and a copy of that clinical summary with another diagnosis
    Then the audit names that referral's clinical summary as not matching its hash on the ledger

  Scenario: Only auditors verify the ledger
    Given a Bang Khla clinician is signed in
    When she asks to verify the ledger
    Then the request is refused with 403 "FORBIDDEN_ROLE"
