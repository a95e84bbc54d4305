Feature: The clinical summary stays between the two hospitals
  Diagnoses, history and vital signs go to a private data collection of the sending and the receiving
  hospital only. The channel ledger holds just its SHA-256, so anyone can check it was not altered.

  Scenario: The receiving hospital reads the summary and it matches the ledger
    Given a Bang Khla clinician has referred a stroke patient with a clinical summary to Buddhasothorn Hospital
    When a Buddhasothorn nurse opens the clinical summary
    Then she sees the diagnosis "I63.9" and the summary matches the hash on the ledger

  Scenario: A third hospital cannot read the summary
    Given a Bang Khla clinician has referred a stroke patient with a clinical summary to Buddhasothorn Hospital
    When a Ban Pho clinician tries to open the clinical summary
    Then the request is refused with 403 "FORBIDDEN_UNIT"
    And Ban Pho's own peer refuses to return it too

  Scenario: The auditor sees the hash but not the summary
    Given a Bang Khla clinician has referred a stroke patient with a clinical summary to Buddhasothorn Hospital
    When a provincial auditor tries to open the clinical summary
    Then the request is refused with 403 "FORBIDDEN_UNIT"
    And the auditor can read the summary's hash on the referral
