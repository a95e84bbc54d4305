Feature: Smart payment kiosk
  At a kiosk a patient checks and opens their treatment right, pays what the right does not cover by PromptPay or
  card, and gets a short-form receipt whose number is gap-free and whose hash is anchored on the ledger.
  The NHSO agent, the hospital information system, the card terminal and the bank are simulators.

  Background:
    Given the Buddhasothorn payment kiosk 01 is in use

  Scenario: A UCS gold-card patient has nothing to pay
    When a UCS gold-card patient inserts their card and opens the right
    And asks for the bill
    Then the bill shows 0.00 baht to pay
    And the session closes without a payment and the right is closed

  Scenario: A civil-servant patient pays by PromptPay QR
    Given the civil-servant patient has a new visit today
    When the patient inserts their card, opens the right and asks for the bill
    Then the bill shows 350.00 baht to pay
    When the patient pays by PromptPay and the bank confirms
    Then a receipt of kiosk point 01 is issued for 350.00 baht, in words "สามร้อยห้าสิบบาทถ้วน"
    And the receipt is anchored on the ledger

  Scenario: The bank sends the same confirmation twice
    Given the civil-servant patient has paid by PromptPay
    When the bank sends the same confirmation again
    Then the bank is told "duplicate" and the payment is posted only once

  Scenario: A forged or wrong bank callback posts nothing
    Given the civil-servant patient is paying by PromptPay
    When a callback arrives with a forged signature
    Then the request is refused with 401 "BAD_SIGNATURE"
    When a correctly signed callback arrives for 1.00 baht
    Then the request is refused with 400 "AMOUNT_MISMATCH"
    And the payment is still waiting for the bank

  Scenario: Paying an already paid bill is refused
    Given the civil-servant patient has paid by PromptPay
    When the patient starts another session and tries to pay the same bill
    Then the request is refused with 409 "BILL_ALREADY_PAID"

  Scenario: An unknown card and an expired right are refused
    When a card unknown to the NHSO agent is inserted
    Then the request is refused with 404 "CARD_UNKNOWN"
    When a patient whose right has expired tries to open it
    Then the request is refused with 409 "RIGHT_EXPIRED"

  Scenario: A cashier voids a receipt and the gap check still passes
    Given the civil-servant patient has paid by PromptPay and got a receipt
    When the Buddhasothorn cashier voids that receipt because "ชื่อผู้ชำระไม่ถูกต้อง"
    Then the receipt is voided with its reason, not deleted
    And the auditor's gap check of kiosk point 01 passes

  Scenario: The gap check fails on a tampered receipt
    Given the civil-servant patient has paid by PromptPay and got a receipt
    When someone changes the amount of that receipt in the store
    Then the auditor's gap check of kiosk point 01 fails and names that receipt

  Scenario: A wallet user identifies with the Health ID QR instead of the card
    Given the wallet user "citizen.anan" has a new visit today and shows the Health ID QR
    When the kiosk scans the QR, opens the right and asks for the bill
    Then the session shows "นายอนันต์ มั่นคง" identified by Health ID, never the national ID
    And the bill shows 240.00 baht to pay
    When the kiosk scans a Health ID QR that was tampered with
    Then the request is refused with 400 "HEALTH_ID_INVALID"

  Scenario: The cashier reconciles the bank statement of the day
    Given the civil-servant patient has paid by PromptPay and got a receipt
    When the Buddhasothorn cashier reconciles the bank's statement of today with a stranger's credit of 80.00 baht added
    Then that receipt is matched and the stranger's credit is reported as unexpected
