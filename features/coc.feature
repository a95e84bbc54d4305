Feature: Smart Home Care: the 3-doctor team visits bedridden patients at home (COC)
  A patient sent back to the health centre (รพ.สต.) near home is registered for continuity of care with
  the ADL group of a Barthel assessment and a team: the village health volunteer (อสม.), the health-centre
  officer and the district's family doctor. A visit is signed by the member who made it and countersigned
  by a second member; the visit details stay private to the district hospital's organisation.

  Scenario: The health-centre nurse registers a back-referred patient for home care
    Given Buddhasothorn has back-referred a patient to health centre "03903"
    When the nurse of health centre "03903" registers the patient from the back-referral with a Barthel score of 3
    Then the COC case is open with ADL group "bedridden" and linked to the back-referral
    And the case names the volunteer, the officer and the family doctor of its team

  Scenario: The volunteer records a home visit
    Given a bedridden patient of health centre "03903" is registered for home care
    When the volunteer of health centre "03903" records a home visit today
    Then the visit is on the ledger signed by "volunteer.03903" and waits for a countersign
    And the visit details are private, with only their hash on the channel

  Scenario: The health-centre officer countersigns the volunteer's visit
    Given the volunteer of health centre "03903" has recorded a home visit to a registered patient
    When the nurse of health centre "03903" countersigns the visit
    Then the visit shows the volunteer as author and the nurse as countersigner

  Scenario: The family doctor sees the overdue visits of the team
    Given a bedridden patient of health centre "03903" is registered for home care
    When the Bang Khla family doctor looks at the team's due visits 10 days from now
    Then the volunteer's visit to that patient is overdue

  Scenario: Someone outside the team cannot countersign
    Given the volunteer of health centre "03903" has recorded a home visit to a registered patient
    When the nurse of health centre "03904" countersigns the visit
    Then the request is refused with 403 "COC_NOT_IN_TEAM"
    And the visit still waits for a countersign

  Scenario: The author cannot countersign her own visit
    Given the volunteer of health centre "03903" has recorded a home visit to a registered patient
    When the volunteer of health centre "03903" countersigns the visit
    Then the request is refused with 403 "COC_SELF_COUNTERSIGN"
    And the visit still waits for a countersign

  Scenario: A visit synced twice from the offline queue is recorded once
    Given the volunteer of health centre "03903" has recorded a home visit to a registered patient
    When the same visit is synced again
    Then the request is refused with 409 "COC_VISIT_EXISTS"
    And the answer says the content is the same
    And the case counts 1 visit

  Scenario: A visit for a case closed while the form was offline gets a clear conflict
    Given a bedridden patient of health centre "03903" is registered for home care
    And the nurse of health centre "03903" closes the case
    When the volunteer of health centre "03903" records a home visit today
    Then the request is refused with 409 "COC_CASE_CLOSED"
    And the case counts 0 visits

  Scenario Outline: Bad input is refused with a code and nothing is written
    Given a bedridden patient of health centre "03903" is registered for home care
    When the volunteer of health centre "03903" sends <input>
    Then the request is refused with <status> "<code>"
    And the case counts 0 visits

    Examples:
      | input                                    | status | code                   |
      | a visit with an ADL item out of range    | 400    | ADL_SCORE_OUT_OF_RANGE |
      | a visit to an unknown case               | 404    | COC_CASE_NOT_FOUND     |
      | a visit dated before the case opened     | 409    | COC_VISIT_BEFORE_CASE  |
      | a visit without details                  | 400    | VALIDATION_FAILED      |
