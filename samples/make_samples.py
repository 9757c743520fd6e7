"""Regenerate the sample pay files in samples/payroll/ (all names and employers are fictional).

    .venv/bin/python samples/make_samples.py

One file per payroll product style (Sage 50, BrightPay, IRIS, Xero, NHS ESR, ADP), a workbook
with title rows above the header (written with openpyxl, as Excel would), a CSV saved as
Windows-1252 with £ amounts (as Excel's plain "CSV" does), and (in samples/ itself, so that
every file in samples/payroll/ checks without options) a custom export that needs
samples/mapping.toml. The rows include statutory failures, rows below the Real Living Wage,
London sites, apprentices, a pay-period file with accommodation and salary sacrifice, and a
few invalid cells so a demo shows problems. Dates are for pay periods in April 2026.
"""

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
PAYROLL = HERE / "payroll"
TRUST = "Northshire Community NHS Trust (fictional)"
FACILITIES = "Brightwater Facilities Ltd (fictional)"

# Sage 50: annual salary + hours; Post Code is the HOME address and must not decide London.
SAGE50 = f"""Employee Reference,Surname,Forename,Date of Birth,Post Code,Company,Department,Job Title,Work Site,Gross Salary,Hours Per Week
000101,Example,Ada,14/03/1990,BR8 7RE,{TRUST},Estates,Porter,Northshire General Hospital,"24,465.00",37.5
000102,Sample,Ben,02/11/1985,NS2 3AB,{TRUST},Catering,Catering Assistant,Northshire General Hospital,"23,615.00",37.5
000103,Placeholder,Cara,21/07/2003,SE15 4QP,{TRUST},Facilities,Domestic,St Example's Clinic,"27,000.00",37.5
000104,Specimen,Dev,30/09/1978,NS1 9ZZ,{TRUST},Estates,Gardener,Northshire General Hospital,"20,000.00",30
000105,Fictional,Ella,31/02/2005,NS3 1AA,{TRUST},Catering,Kitchen Porter,Unlisted Annexe,"22,000.00",37.5
"""

# BrightPay: Name is the forename. Contracted Hours Worked is left unmapped: its meaning (per
# week or per period) depends on the pay frequency, so the hourly rate is what gets checked.
BRIGHTPAY = """Works Number,Name,Surname,Date of Birth,Hourly Pay Rate,Contracted Hours Worked,Department,Apprentice,Apprenticeship Start Date,London
7,Fay,Example,12/06/2009,8.00,120,Salon,yes,01/09/2025,no
8,Gus,Sample,01/01/2001,12.71,150,Salon,no,,no
9,Hana,Demo,15/08/1999,13.00,140,Reception,no,,no
10,Ivo,Testcase,03/03/2007,10.85,100,Salon,Y,01/05/2025,yes
11,Jo,Example,22/12/1990,14.80,160,Front of House,n,,YES
12,Kit,Sample,05/05/1995,twelve,150,Salon,no,,maybe
"""

# IRIS, semicolon-separated: one row per pay reference period, with salary sacrifice and
# employer accommodation (offset rules apply).
IRIS = f"""Payroll Code;NI Table;Forename;Surname;Date of Birth;Cost Centre Code;Company;Period Start Date;Period End Date;Gross Pay;Hours Worked;Salary Sacrifice;Accommodation Days;Accommodation Charge;Work Site
A0042;A;Lee;Example;01/04/1990;HOUSEKEEP;{FACILITIES};01/04/2026;30/04/2026;2033.60;160;0.00;0;0.00;Swanley Depot
A0043;A;Mo;Sample;10/10/1988;HOUSEKEEP;{FACILITIES};01/04/2026;30/04/2026;2033.60;160;150.00;0;0.00;Swanley Depot
A0044;A;Nia;Demo;04/04/2004;CATERING;{FACILITIES};01/04/2026;30/04/2026;1900.00;160;0.00;30;0.00;Swanley Depot
A0045;A;Oli;Testcase;19/01/1999;CATERING;{FACILITIES};01/04/2026;30/04/2026;2100.00;160;0.00;30;450.00;Swanley Depot
A0046;A;Pip;Example;27/07/1997;PORTERS;{FACILITIES};01/04/2026;30/04/2026;2400.00;-8;0.00;0;0.00;St Example's Clinic
"""

# Xero-style: ISO dates, a workplace postcode instead of a site.
XERO = """Employee ID,First Name,Last Name,Date of Birth,Earnings Rate,Rate Per Unit,Workplace Postcode
E-0001,Quinn,Example,1996-02-29,Ordinary Hours,13.45,SE1 7EH
E-0002,Rae,Sample,2006-06-30,Ordinary Hours,10.85,NS1 4AA
E-0003,Sol,Demo,1980-12-01,Ordinary Hours,12.50,BR8 7RE
E-0004,Tam,Testcase,1975-05-17,Ordinary Hours,14.79,SE1 7EH
"""

# NHS ESR business-intelligence style, tab-separated, compact YYYYMMDD dates; London weighting
# (High Cost Area Supplement) is guaranteed pay, so it counts toward the Real Living Wage.
ESR_ROWS = [
    [
        "EMPLOYEE_NUMBER",
        "EMPLOYEE_NAME",
        "DATE_OF_BIRTH",
        "ORGANISATION",
        "POSITION_TITLE",
        "GRADE",
        "ANNUAL_SALARY",
        "CONTRACTED_HOURS",
        "CONTRACTED_FTE",
        "LONDON_WEIGHTING",
        "WORK_SITE",
    ],
    [
        "20011",
        "Uma Example",
        "19880412",
        "Estates and Facilities",
        "Domestic Assistant",
        "Band 2",
        "24465",
        "37.5",
        "1.00",
        "0",
        "Northshire General Hospital",
    ],
    [
        "20012",
        "Vic Sample",
        "19921130",
        "Estates and Facilities",
        "Porter",
        "Band 2",
        "24465",
        "37.5",
        "1.00",
        "3000",
        "St Example's Clinic",
    ],
    [
        "20013",
        "Wyn Demo",
        "20010301",
        "Catering",
        "Catering Assistant",
        "Band 2",
        "24465",
        "22.5",
        "0.60",
        "0",
        "Northshire General Hospital",
    ],
    [
        "20014",
        "Xan Testcase",
        "19850715",
        "Pharmacy",
        "Pharmacy Assistant",
        "Band 3",
        "26530",
        "37.5",
        "1.00",
        "0",
        "Northshire General Hospital",
    ],
]

# ADP-style, pipe-separated: File #, gross pay per period with overtime hours and premium apart.
# Yas: 150 h at £12.60 plus 10 overtime hours at time and a half = £2,079.00, of which £63.00 is
# premium. Without the premium £2,016.00 / 160 h = £12.60, below the £12.71 minimum (counting the
# premium would show £12.99 and pass). Cy's overtime premium is blank, so Cy cannot be checked.
ADP = """File #|Employee Name|Date of Birth|Location|Pay Period Start|Pay Period End|Reg Hours|O/T Hours|O/T Premium|Gross Pay
004417|Yas Example|09/09/1991|Northshire General Hospital|01/04/2026|30/04/2026|150|10|63.00|2079.00
004418|Zed Sample|18/02/2007|Northshire General Hospital|01/04/2026|30/04/2026|120|0|0.00|1200.00
004419|Abe Demo|01/06/1960|St Example's Clinic|01/04/2026|30/04/2026|160|0|0.00|2368.00
004420|Cy Test|12/12/1994|Northshire General Hospital|01/04/2026|30/04/2026|150|8||2150.00
"""

# Excel's plain "CSV" is Windows-1252: the £ is the single byte 0xA3.
WINDOWS_1252 = """Staff Number,Full Name,Date of Birth,Department,Work Site,Hourly Rate
0301,Bea Example,11/11/1999,Cleaning,Northshire General Hospital,£12.71
0302,Cal Sample,07/07/2008,Cleaning,Northshire General Hospital,£8.00
0303,Dee Demo,25/12/1970,Security,St Example's Clinic,"£1,234.50"
0304,Eve Testcase,12/31/1985,Security,Northshire General Hospital,£13.45
"""

# A product we have no synonyms for: samples/mapping.toml names the columns.
CUSTOM = """Staff Ref,Known As,Birthday,Base Rate GBP/hr,Place,Trainee
C-01,Finn Example,02/02/1994,12.80,Northshire General Hospital,no
C-02,Gia Sample,03/03/2008,8.50,Swanley Depot,yes
"""

SITES = """site,postcode,london
Northshire General Hospital,NS1 4AA,no
St Example's Clinic,SE1 7EH,yes
Swanley Depot,BR8 7RE,no
"""


def write_text(name: str, text: str, encoding: str = "utf-8") -> None:
    (PAYROLL / name).write_bytes(text.encode(encoding))


def write_workbook(path: Path) -> None:
    """Title rows above the header, IDs stored as text, real date cells and an Excel serial."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Pay data"
    sheet.append([TRUST])
    sheet.append(["Bank staff pay extract, April 2026"])
    sheet.append([])
    sheet.append(
        [
            "Assignment Number",
            "Full Name",
            "Date of Birth",
            "Ward",
            "Site",
            "Hourly Rate",
            "Apprentice",
        ]
    )
    rows = [
        (
            "000731",
            "Gil Example",
            dt.date(1994, 5, 1),
            "Ward 7",
            "Northshire General Hospital",
            12.6,
            "no",
        ),
        ("000732", "Hal Sample", dt.date(2004, 8, 19), "Ward 9", "St Example's Clinic", 14.8, "no"),
        ("000733", "Ida Demo", 36526, "Ward 7", "Northshire General Hospital", 13.45, "no"),
        (
            "000734",
            "Jem Testcase",
            dt.date(2009, 1, 10),
            "Ward 2",
            "Northshire General Hospital",
            8.0,
            "yes",
        ),
    ]
    for row in rows:
        sheet.append(list(row))
    for cell in sheet["A"][4:]:
        cell.number_format = "@"
    contractors = book.create_sheet("Contractors")
    contractors.append(["Worker Ref", "Name", "Age", "Employer", "Hourly Rate", "London"])
    contractors.append(["K-9", "Kai Example", 34, FACILITIES, 13.2, "yes"])
    contractors.append(["K-10", "Lou Sample", 19, FACILITIES, 10.85, "no"])
    book.save(path)


def main() -> None:
    PAYROLL.mkdir(exist_ok=True)
    write_text("sage50.csv", SAGE50)
    write_text("brightpay.csv", BRIGHTPAY)
    write_text("iris_periods.csv", IRIS)
    write_text("xero.csv", XERO)
    write_text("nhs_esr.csv", "\n".join("\t".join(row) for row in ESR_ROWS) + "\n")
    write_text("adp.csv", ADP)
    write_text("excel_windows1252.csv", WINDOWS_1252, encoding="cp1252")
    (HERE / "custom_export.csv").write_text(CUSTOM, encoding="utf-8")
    write_workbook(PAYROLL / "nhs_bank_staff.xlsx")
    (HERE / "sites.csv").write_text(SITES, encoding="utf-8")


if __name__ == "__main__":
    main()
