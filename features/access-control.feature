Feature: Only the right people can act on a referral
  The chaincode authorises every step from the caller's own certificate: organisation, role and unit.

  Scenario: A nurse cannot create a referral
    Given a Bang Khla nurse is signed in
    When she tries to refer a patient to Buddhasothorn Hospital
    Then the request is refused with 403 "FORBIDDEN_ROLE"

  Scenario: Another hospital cannot accept a referral that is not addressed to it
    Given a Bang Khla clinician has referred a patient to Buddhasothorn Hospital
    When a Ban Pho clinician tries to accept the referral
    Then the request is refused with 403 "FORBIDDEN_UNIT"
    And the referral is still waiting for Buddhasothorn Hospital

  Scenario: Nobody reads a referral without signing in
    Given a Bang Khla clinician has referred a patient to Buddhasothorn Hospital
    When someone without a token asks for the referral
    Then the request is refused with 401 "UNAUTHENTICATED"

  Scenario: A wrong password does not sign anyone in
    When someone signs in as "clinician.bangkhla" with the password "guess"
    Then the request is refused with 401 "INVALID_CREDENTIALS"

  Scenario: An auditor of the provincial health office can read any referral
    Given a Bang Khla clinician has referred a patient to Buddhasothorn Hospital
    When a provincial auditor reads the referral
    Then the referral is waiting for Buddhasothorn Hospital

  Scenario: The ledger itself refuses an accept endorsed by one hospital only
    Given a Bang Khla clinician has referred a patient to Buddhasothorn Hospital
    When a Buddhasothorn nurse submits the accept through her own hospital's peer only
    Then the ledger invalidates the transaction with "ENDORSEMENT_POLICY_FAILURE"
    And the referral is still waiting for Buddhasothorn Hospital
