Feature: Smart EMS 1669, from the call to the hand-over at the emergency room
  The 1669 dispatcher at the Buddhasothorn hub takes the call, the system colours it from the versioned dispatch
  criteria and proposes the nearest available ambulance of the right level. The crew reports each step of the mission
  and streams position and vital signs to the receiving hospital. Every milestone is signed on the ledger by the person
  who did it; the hand-over is co-signed by the crew and the receiving ER physician.

  Scenario: A chest-pain call with sweating is triaged red from the versioned criteria
    Given the 1669 dispatcher is signed in
    When she records a call for chest pain with sweating near Buddhasothorn Hospital
    Then the call is created with the colour "red" from criteria version "cco-cbd-2026.1", marked as not verified
    And she gets the Thai first-aid card "FA-CHEST" to read out
    And every recommended unit is an ALS unit, nearest first

  Scenario: Calls from nowhere or with an unknown complaint are refused with a coded error
    Given the 1669 dispatcher is signed in
    When she records a call from the tambon "Atlantis"
    Then the answer is 400 with the code "UNKNOWN_LOCATION"
    When she records a call with the complaint "alien-abduction"
    Then the answer is 400 with the code "UNKNOWN_COMPLAINT"

  Scenario: The nearest unit is dispatched and cannot be committed twice
    Given the 1669 dispatcher has recorded a red call near Buddhasothorn Hospital
    When she dispatches the first recommended unit
    Then the unit is "dispatched" for the call
    When a second red call comes in and the second dispatcher sends the same unit
    Then the answer is 409 with the code "UNIT_COMMITTED"
    And the dispatcher stands the unit down

  Scenario: The crew is tracked from the scene to the hospital with live vital signs
    Given a red call near Buddhasothorn Hospital has a unit dispatched
    When the crew reports "en-route"
    And the crew reports "on-scene"
    And the crew tries to report "at-hospital" straight away
    Then the answer is 409 with the code "INVALID_TRANSITION"
    When the crew sends its position and the vital signs HR 128, BP 88/52, SpO2 140, RR 26
    Then the answer is 202 and the SpO2 reading is stored with the flag "IMPLAUSIBLE"
    When the crew leaves the scene for Buddhasothorn Hospital
    And the crew reports "at-hospital"
    Then the Buddhasothorn ER physician sees the case in the incoming list
    And the vital signs export as FHIR Observations with the LOINC codes 8867-4, 8480-6, 59408-5 and 9279-1

  Scenario: The hand-over is co-signed by the crew and the receiving hospital on the ledger
    Given a red call near Buddhasothorn Hospital has arrived at Buddhasothorn Hospital
    When the Buddhasothorn ER physician tries to receive the patient before the crew signs
    Then the answer is 409 with the code "HANDOVER_NOT_SIGNED"
    When the crew signs the hand-over
    And the Buddhasothorn ER physician receives the patient
    Then the case is "handed-over"
    And the ledger shows the hand-over signed by the crew and by the ER physician of Buddhasothorn Hospital
    And the crew clears the unit, which is available again

  Scenario: Clinical notes stay private to the crew and the receiving hospital, and a transfer starts a referral
    Given a red call near Buddhasothorn Hospital has arrived at Buddhasothorn Hospital
    When the crew writes the clinical note "STEMI suspected, aspirin 300 mg chewed"
    Then the Buddhasothorn ER physician reads the note, whose hash matches the one on the ledger
    And the case on the ledger holds the note's hash and signer but not its text
    When the crew signs the hand-over
    And the Buddhasothorn ER physician receives the patient
    And a Buddhasothorn clinician refers the patient on to Bang Khla Hospital from the EMS case
    Then the referral is "requested" with priority 1 and fast track "01", and the EMS case links it
    And the crew clears the unit, which is available again
