Feature: Care close to home: the whole referral loop and back-referral to the health centre
  The receiving hospital answers, receives the patient, completes the care and sends the patient back
  to the health centre (รพ.สต.) near home. The health-centre nurse sees and accepts referrals for her unit only.

  Scenario: Buddhasothorn treats a referred patient and the history shows every signed step
    Given a Bang Khla clinician has referred a patient to Buddhasothorn Hospital
    When Buddhasothorn receives, accepts, sees the patient arrive and completes the referral
    Then the referral is completed with result "1"
    And the history shows the steps create, receive, accept, arrive, complete in that order, each in its own block

  Scenario: Buddhasothorn back-refers the patient to the health centre near home
    Given Buddhasothorn has completed a referral from Bang Khla
    When a Buddhasothorn clinician back-refers the patient to health centre "03999"
    Then the back-referral names the first referral and the same patient pseudonym
    And the nurse of health centre "03999" can accept it

  Scenario: A health-centre nurse cannot act for another health centre
    Given Buddhasothorn has back-referred a patient to health centre "03999"
    When the nurse of health centre "03998" tries to accept it
    Then the request is refused with 403 "FORBIDDEN_UNIT"

  Scenario: The sending clinician cancels a referral that is no longer needed
    Given a Bang Khla clinician has referred a patient to Buddhasothorn Hospital
    When the Bang Khla clinician cancels it because "patient recovered at home"
    Then the referral is cancelled
    And Buddhasothorn can no longer accept it

  Scenario: Buddhasothorn refers the patient onward to a third hospital
    Given Buddhasothorn has accepted a referral from Bang Khla
    When a Buddhasothorn clinician refers the patient onward to Bang Pakong Hospital
    Then Bang Pakong Hospital sees a referral from Buddhasothorn with the same patient pseudonym

  Scenario: The patient never arrives
    Given Buddhasothorn has accepted a referral from Bang Khla
    When a Buddhasothorn nurse records that the patient did not arrive
    Then the referral is marked as a no-show
