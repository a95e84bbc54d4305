Feature: Bad requests get a clear error and write nothing

  Scenario Outline: A bad referral request is refused and nothing is written
    Given a Bang Khla clinician is signed in
    When she sends a referral with <problem>
    Then the request is refused with <status> "<code>"
    And no referral was written

    Examples:
      | problem                        | status | code              |
      | malformed JSON                 | 400    | MALFORMED_JSON    |
      | no destination                 | 400    | VALIDATION_FAILED |
      | a priority written as text     | 400    | VALIDATION_FAILED |
      | an unknown hcode               | 400    | UNKNOWN_HCODE     |
      | a national ID with a bad check | 400    | INVALID_CID       |
      | the patient's name             | 400    | VALIDATION_FAILED |
      | her own hospital as receiver   | 400    | INVALID_ARGUMENT  |

  Scenario: Accepting a referral that does not exist
    Given a Buddhasothorn nurse is signed in
    When she accepts the referral "R-does-not-exist"
    Then the request is refused with 404 "REFERRAL_NOT_FOUND"

  Scenario: A referral cannot be accepted twice
    Given a Bang Khla clinician has referred a patient to Buddhasothorn Hospital
    And a Buddhasothorn nurse accepts the referral
    When a Buddhasothorn clinician accepts the referral again
    Then the request is refused with 409 "INVALID_TRANSITION"

  Scenario: The same referral ID cannot be used twice
    Given a Bang Khla clinician has referred a patient to Buddhasothorn Hospital
    When she sends the same referral again
    Then the request is refused with 409 "REFERRAL_EXISTS"
