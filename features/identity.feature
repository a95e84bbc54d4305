Feature: Identity - each organisation's administrator manages its own staff through its Fabric CA
  Every hospital and the Provincial Health Office run their own Fabric CA. An organisation's administrator adds
  staff (registered and enrolled with role and unit as certificate attributes), moves them (re-enrolled),
  suspends, reactivates and revokes them. A revoked person is refused by the gateway and by the peers, and the
  auditor verifies the signature of the revocation list in the channel configuration.

  Scenario: A hospital administrator adds a health-centre nurse, enrolled with her role and unit
    When the Bang Khla administrator adds a "nurse" for the unit "03998"
    Then the answer is 201 and the new person is active
    And her certificate is issued by Bang Khla's CA with the attributes role "nurse" and hcode "03998"
    And the new person can sign in with her password
    And the provincial auditor sees the "add" of the new person in the identity administration log

  Scenario: Moving a person to another unit re-enrols them with the new attributes
    Given the Bang Khla administrator has added a "nurse" for the unit "11138"
    When the Bang Khla administrator moves the new person to the unit "03998"
    Then the answer is 200
    And her certificate is issued by Bang Khla's CA with the attributes role "nurse" and hcode "03998"
    And her certificate has a new serial number

  Scenario: A suspended person is refused until reactivated
    Given the Bang Khla administrator has added a "clinician" for the unit "11138"
    And the new person has signed in
    When the Bang Khla administrator suspends the new person
    Then the new person's token is refused with 401 "IDENTITY_SUSPENDED"
    When the Bang Khla administrator reactivates the new person
    Then the new person's token is accepted again

  Scenario: An administrator cannot touch another organisation's staff
    When the Ban Pho administrator suspends "nurse.bangkhla"
    Then the answer is 403 with the code "FORBIDDEN_UNIT"
    When the Ban Pho administrator adds a "nurse" for the unit "11138"
    Then the answer is 403 with the code "FORBIDDEN_UNIT"
    When the Ban Pho administrator lists the staff
    Then every person listed belongs to "BanPhoMSP"
    When "clinician.bangkhla" lists the staff
    Then the answer is 403 with the code "FORBIDDEN_ROLE"

  Scenario Outline: Bad registrations get a coded error and change nothing
    When the Bang Khla administrator registers <what>
    Then the answer is <status> with the code "<code>"
    And no identity administration was done for it

    Examples:
      | what                              | status | code               |
      | the existing username             | 409    | IDENTITY_EXISTS    |
      | a nurse for the unknown unit      | 400    | UNKNOWN_HCODE      |
      | an auditor                        | 403    | ROLE_NOT_GRANTABLE |
      | another administrator             | 403    | ROLE_NOT_GRANTABLE |
      | a nurse with an unexpected field  | 400    | VALIDATION_FAILED  |

  Scenario: Revocation bites at the gateway, at the peers and in the audit
    Given the Bang Khla administrator has added a "clinician" for the unit "11138"
    And the new person has signed in
    And a chaincode invoke signed with the new person's certificate reaches the chaincode through the peer CLI
    When the Bang Khla administrator revokes the new person because "laptop lost"
    Then the answer is 200 and the revocation-to-effect time is reported
    And the new person's token is refused with 401 "IDENTITY_REVOKED"
    And the new person's sign-in is refused with 401 "IDENTITY_REVOKED"
    And a chaincode invoke signed with the new person's certificate is rejected by the peer as revoked
    And revoking the new person again is refused with 409 "IDENTITY_ALREADY_REVOKED"
    And the provincial auditor's verification of the latest blocks verifies Bang Khla's CRL signature listing the revoked certificate

  Scenario: An administrator protects the sign-in with a TOTP second factor
    When the Plaeng Yao administrator sets up a second factor
    Then the answer is 201 with an otpauth URI for an authenticator app
    When the administrator confirms it with a code from the app
    Then the answer is 200
    And signing in as that administrator without a code is refused with 401 "TOTP_REQUIRED"
    And signing in as that administrator with a wrong code is refused with 401 "TOTP_INVALID"
    And signing in as that administrator with the next code from the app succeeds
    And signing in again with the same code is refused with 401 "TOTP_INVALID"
    When the administrator turns the second factor off with a later code
    Then the answer is 200
    And that administrator signs in with the password alone again
    When "clinician.bangkhla" sets up a second factor
    Then the answer is 403 with the code "FORBIDDEN_ROLE"
