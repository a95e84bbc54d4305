Feature: Every hospital can refer to every other unit, every time
  The province's referral network is only as good as its weakest pair: a clinician at any of the 11 hospitals
  must be able to refer a patient to any other hospital and to the health centres (รพ.สต.) of every district,
  right after the network starts and after any fault.

  Scenario: All 110 ordered pairs of hospitals, and each hospital to a health centre of every district
    Given a clinician at each of the 11 hospitals is signed in
    When each one refers a patient to each of the other 10 hospitals
    And each one refers a patient to one health centre in each of the 11 districts
    Then all 231 referrals are recorded, each waiting for the unit it was sent to
    And the receiving hospital of each of the 110 hospital pairs can read its referral
