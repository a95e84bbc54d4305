Feature: Referral inbox
  Staff see their own unit's referrals in a list read from the query store, which follows the ledger
  within seconds. Fast-track referrals come first, then the most urgent, then the newest.
  Provincial auditors see the referrals of every unit.

  Scenario: A Buddhasothorn nurse sees incoming referrals, fast-track first
    Given a Bang Khla clinician has sent Buddhasothorn a fast-track stroke referral and then a more urgent one without fast track
    When a Buddhasothorn nurse opens her incoming referrals
    Then the fast-track referral is listed first, before the more urgent one
    And every referral in her list is addressed to Buddhasothorn Hospital

  Scenario: A health-centre nurse sees only her unit's referrals
    Given Bang Khla Hospital has referred one patient to health centre "03998" and another to Buddhasothorn Hospital
    When the nurse of health centre "03998" opens her referrals
    Then she sees the referral to her health centre but not the one to Buddhasothorn Hospital
    And she may not open Bang Khla Hospital's referrals

  Scenario: An auditor sees all referrals
    Given Bang Khla Hospital has referred one patient to health centre "03998" and another to Buddhasothorn Hospital
    When a provincial auditor lists all referrals
    Then she sees both referrals
