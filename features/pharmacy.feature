Feature: Continued-medicine refills are dispensed once, anywhere in the province

  A hospital clinician makes a refill plan; each cycle is dispensed at most once, at the planned channel
  (hospital pharmacy, partner drugstore, รพ.สต., post or อสม.) or wherever the patient turns up.
  Item details stay private; the ledger keeps who dispensed, where, when, the channel and a hash.

  Scenario: A รพ.สต. dispenses a refill and a second dispense is refused
    Given a Buddhasothorn clinician has made a 3-cycle refill plan collected at the รพ.สต. 03882
    When the nurse of the รพ.สต. 03882 dispenses cycle 1
    Then cycle 1 is dispensed by unit 03882 through the "health-centre" channel
    When the Bang Khla pharmacist dispenses cycle 1
    Then the request is refused with 409 "ALREADY_DISPENSED"

  Scenario: Fifty simultaneous dispenses of one cycle from different organisations
    Given a Buddhasothorn clinician has made a 3-cycle refill plan collected at the hospital pharmacy
    When pharmacists of every hospital try to dispense cycle 1 fifty times at the same moment
    Then exactly 1 dispense succeeds and 49 are refused with 409 "ALREADY_DISPENSED"
    And the plan's history shows cycle 1 dispensed once

  Scenario: A refill before the interval is refused
    Given a Buddhasothorn clinician has made a refill plan starting in 30 days
    When the Buddhasothorn pharmacist dispenses cycle 1
    Then the request is refused with 409 "TOO_EARLY"
    And cycle 1 is still waiting to be dispensed

  Scenario: The patient moves a future refill to the post
    Given a Buddhasothorn clinician has made a 3-cycle refill plan collected at the hospital pharmacy
    When the Buddhasothorn pharmacist moves cycle 2 to the "post" channel at the patient's request
    Then cycle 2 is planned for the "post" channel
    And the change of cycle 2 is signed by the Buddhasothorn pharmacist

  Scenario: A refill sent by post is confirmed with the patient's one-time code
    Given a Buddhasothorn clinician has made a 3-cycle refill plan sent by "post"
    And the Buddhasothorn pharmacist has dispensed cycle 1 and given the patient the confirmation code
    When the Buddhasothorn pharmacist records "packed" for cycle 1
    And the Buddhasothorn pharmacist records "handed-to-post" with tracking number "EF123456789TH" for cycle 1
    And the Buddhasothorn pharmacist records the delivery of cycle 1 with a wrong code
    Then the request is refused with 400 "CONFIRMATION_MISMATCH"
    When the Buddhasothorn pharmacist records the delivery of cycle 1 with the patient's code
    Then the delivery of cycle 1 is "delivered" with 3 signed steps

  Scenario: Only the volunteer who picked a refill up may confirm its delivery
    Given a Buddhasothorn clinician has made a 3-cycle refill plan sent by "volunteer"
    And the Buddhasothorn pharmacist has dispensed cycle 1 and given the patient the confirmation code
    When the volunteer of 03882 records "picked-up" for cycle 1
    And the Buddhasothorn pharmacist records the delivery of cycle 1 with the patient's code
    Then the request is refused with 403 "FORBIDDEN_ROLE"
    When the volunteer of 03882 records the delivery of cycle 1 with the patient's code
    Then the delivery of cycle 1 is "delivered" with 2 signed steps

  Scenario Outline: A bad refill request is refused and nothing is written
    Given a Buddhasothorn clinician has made a 3-cycle refill plan collected at the hospital pharmacy
    When <who> sends <problem>
    Then the request is refused with <status> "<code>"
    And cycle 1 is still waiting to be dispensed

    Examples:
      | who                           | problem                           | status | code              |
      | the Buddhasothorn clinician   | a plan with an unknown drug code  | 400    | UNKNOWN_DRUG_CODE |
      | the Buddhasothorn clinician   | a plan with a zero quantity       | 400    | VALIDATION_FAILED |
      | the Buddhasothorn clinician   | a plan with a negative quantity   | 400    | VALIDATION_FAILED |
      | the Buddhasothorn clinician   | a dispense of cycle 1             | 403    | FORBIDDEN_ROLE    |
      | the volunteer of 03882        | a dispense of cycle 1             | 403    | FORBIDDEN_ROLE    |
      | the Bang Khla pharmacist      | a dispense of an unknown plan     | 404    | PLAN_NOT_FOUND    |
      | the Bang Khla pharmacist      | a dispense of cycle 9             | 400    | INVALID_ARGUMENT  |

  # Changes the running network (a 13th organisation, the gateway restarts): run it after the other features,
  # e.g. cucumber-js --tags "not @org-add" then --tags @org-add.
  @org-add
  Scenario: A partner-drugstore organisation joins the running channel, then dispenses; every other organisation sees the event
    Given a Buddhasothorn clinician has made a 3-cycle refill plan collected at the partner drugstore 90001
    When the organisation "ChachoengsaoPharmacyNetwork" joins the running channel with npm run org:add
    Then org:add reports that ChachoengsaoPharmacyNetworkMSP joined or was already a member
    When the pharmacist of drugstore 90001 dispenses cycle 1
    Then cycle 1 is dispensed by unit 90001 through the "drugstore" channel
    And a user of every one of the 13 organisations reads cycle 1 dispensed by ChachoengsaoPharmacyNetworkMSP on their own peer
    And running org:add for "ChachoengsaoPharmacyNetwork" again says it is already a member
