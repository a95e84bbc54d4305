Feature: Provincial KPI dashboard: the seed report's 12 indicators, computed from the system's own records
  The Provincial Health Office's manager sees every hospital's indicators; a hospital's director sees their own
  hospital only. Every figure can be opened to the pseudonymous records behind it, with their ledger transaction IDs.

  Scenario: A hospital director sees their hospital's indicators, not another hospital's
    When "director.bangkhla" opens the KPI dashboard
    Then the dashboard shows the 12 indicators of hospital "11138"
    When "director.bangkhla" opens the KPI dashboard of hospital "10697"
    Then the request is refused with 403 "KPI_FORBIDDEN_HOSPITAL"
    When "director.bangkhla" opens the records behind "referral-quality-care" of hospital "10697" this month
    Then the request is refused with 403 "KPI_FORBIDDEN_HOSPITAL"
    When "manager.pho" opens the KPI dashboard of hospital "10697"
    Then the dashboard shows the 12 indicators of hospital "10697"
    When "nurse.bangkhla" opens the KPI dashboard
    Then the request is refused with 403 "FORBIDDEN_ROLE"

  Scenario: The numerator of "visited per standard" matches the home visits recorded
    Given a bedridden patient of health centre "03903" is registered for home care
    When the volunteer of health centre "03903" records a home visit today
    Then "manager.pho" finds the case behind "visited-per-standard" of hospital "11138" this month with 1 visit and its ledger transaction
    And the numerator of "visited-per-standard" of hospital "11138" counts the listed records and matches the COC module's own count

  Scenario: The dashboard exports a CSV and a PDF report
    When "manager.pho" downloads the KPI report as CSV
    Then the CSV has a row for each of the 12 indicators and each month
    When "manager.pho" downloads the KPI report as PDF
    Then the answer is a PDF document

  Scenario: A citizen's survey answer counts once in the satisfaction indicator
    When citizen "citizen.nida" answers the satisfaction survey with 5 for hospital "11138" about "2099-01"
    Then the answer is accepted
    When citizen "citizen.nida" answers the satisfaction survey with 4 for hospital "11138" about "2099-01"
    Then the request is refused with 409 "KPI_SURVEY_EXISTS"
    And "director.bangkhla" finds the answer behind "satisfaction" of hospital "11138" this month
