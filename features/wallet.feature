Feature: Smart Health Wallet for citizens
  A citizen of Chachoengsao registers with her national ID and a code sent by SMS, shows a Health ID
  instead of her ID card, sees the benefits of her age group, books a service without ever overbooking a
  slot, and sees every ledger event about her own care. Citizens are not Fabric users: bookings and
  accounts stay off-chain; the ledger only ever knows her pseudonym.

  Scenario: A citizen registers with her national ID and the code sent by SMS
    When a 70-year-old woman registers in the wallet and confirms the code sent to her phone
    Then she has a Health ID and her wallet never shows her national ID
    And her benefits include the flu vaccine because of her age, with the rule's source

  Scenario: A bad national ID or a wrong code is refused and nothing is created
    When a citizen registers with a national ID whose check digit is wrong
    Then the wallet answers 400 with code INVALID_CID
    When a 70-year-old woman registers in the wallet but types a wrong code
    Then the wallet answers 400 with code OTP_INVALID

  Scenario: A citizen who is not eligible cannot book the flu vaccine
    Given a 45-year-old woman has a wallet
    When she tries to book the next flu vaccine slot of a health centre
    Then the wallet answers 422 with code NOT_ELIGIBLE
    And her benefits list cervical cancer screening but not the flu vaccine

  Scenario: A citizen books a flu vaccine slot once, and cannot book the past
    Given a 70-year-old woman has a wallet
    When she books the next flu vaccine slot of a health centre
    Then the wallet answers 201 and the booking holds seat 1 or more
    When she books the same slot again
    Then the wallet answers 409 with code ALREADY_BOOKED
    When she tries to book a slot of last week
    Then the wallet answers 422 with code SLOT_IN_PAST

  Scenario: A slot is never overbooked
    Given a flu vaccine slot of a health centre with 5 seats of which 2 are booked
    When 6 more eligible citizens try to book it at the same moment
    Then exactly 3 of them get a seat and the others are told SLOT_FULL
    And the slot shows 0 seats available

  Scenario: A citizen cannot cancel another citizen's booking
    Given a 70-year-old woman has booked the next flu vaccine slot of a health centre
    When another citizen tries to cancel that booking
    Then the wallet answers 404 with code BOOKING_NOT_FOUND
    And the booking is still booked

  Scenario: A health-centre nurse opens the citizen's context from her Health ID
    Given a 70-year-old woman has a wallet
    When a nurse of her health centre scans her Health ID QR code
    Then the nurse sees her name and age but not her national ID
    When the nurse types a forged Health ID code
    Then the wallet answers 400 with code HEALTH_ID_INVALID
    When the nurse tries to check her in without a booking today
    Then the wallet answers 404 with code NO_BOOKING_TODAY

  Scenario: A citizen sees every ledger event about her care
    Given a 70-year-old woman has a wallet
    When a Bang Khla clinician refers her to Buddhasothorn Hospital and a Buddhasothorn nurse accepts
    Then her wallet history shows 2 ledger events about her, each with its transaction ID, in Thai
