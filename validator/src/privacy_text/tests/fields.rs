//! Tests of the field-name detector.

use super::super::fields::field_words;
use super::*;

#[test]
fn personal_field_names() {
    let cases = [
        ("childName", "a person's name"),
        ("child_name", "a person's name"),
        ("child-name", "a person's name"),
        ("CHILD_NAME", "a person's name"),
        ("childname", "a person's name"),
        ("childsName", "a person's name"),
        ("firstName", "a person's name"),
        ("first_names", "a person's name"),
        ("forename", "a person's name"),
        ("surname", "a person's name"),
        ("lastName", "a person's name"),
        ("fullName", "a person's name"),
        ("givenName", "a person's name"),
        ("familyName", "a person's name"),
        ("middleName", "a person's name"),
        ("nickname", "a person's name"),
        ("youngPersonName", "a person's name"),
        ("carerName", "a person's name"),
        ("fosterCarerName", "a person's name"),
        ("parentName", "a person's name"),
        ("motherName", "a person's name"),
        ("socialWorkerName", "a person's name"),
        ("contactName", "a person's name"),
        ("emergencyContactName", "a person's name"),
        ("childFirstName", "a person's name"),
        ("surnameAtBirth", "a person's name"),
        ("nameOfChild", "a person's name"),
        ("ypName", "a person's name"),
        ("dob", "a date of birth"),
        ("DOB", "a date of birth"),
        ("childDob", "a date of birth"),
        ("dateOfBirth", "a date of birth"),
        ("date_of_birth", "a date of birth"),
        ("DateOfBirth", "a date of birth"),
        ("birthDate", "a date of birth"),
        ("birthday", "a date of birth"),
        ("yearOfBirth", "a year of birth"),
        ("address", "an address"),
        ("streetAddress", "an address"),
        ("homeAddress", "an address"),
        ("home_address", "an address"),
        ("addressLine1", "an address"),
        ("address_line_2", "an address"),
        ("street", "an address"),
        ("postcode", "a postcode"),
        ("postCode", "a postcode"),
        ("postalCode", "a postcode"),
        ("homePostcode", "a postcode"),
        ("zip", "a postcode"),
        ("zipCode", "a postcode"),
        ("nhsNumber", "an NHS number"),
        ("NHSNumber", "an NHS number"),
        ("nhs_no", "an NHS number"),
        ("nhsNo", "an NHS number"),
        ("childNhsNumber", "an NHS number"),
        ("upn", "a unique pupil number"),
        ("UPN", "a unique pupil number"),
        ("childUpn", "a unique pupil number"),
        ("uniquePupilNumber", "a unique pupil number"),
        ("email", "an email address"),
        ("e-mail", "an email address"),
        ("emailAddress", "an email address"),
        ("contactEmail", "an email address"),
        ("phone", "a phone number"),
        ("phoneNumber", "a phone number"),
        ("telephone", "a phone number"),
        ("telephoneNumber", "a phone number"),
        ("mobile", "a phone number"),
        ("mobileNumber", "a phone number"),
        ("carerMobile", "a phone number"),
        ("tel", "a phone number"),
        ("contactTel", "a phone number"),
        ("niNumber", "a National Insurance number"),
        ("NINumber", "a National Insurance number"),
        ("nino", "a National Insurance number"),
        ("nationalInsuranceNumber", "a National Insurance number"),
        ("national_insurance", "a National Insurance number"),
    ];
    for (field, expected) in cases {
        assert_eq!(personal_field(field), Some(expected), "{field}");
    }
}

#[test]
fn innocuous_field_names() {
    for field in [
        "name",
        "Name",
        "names",
        "title",
        "legalName",
        "providerName",
        "settingName",
        "tradingName",
        "frameworkName",
        "lotName",
        "fileName",
        "hostname",
        "displayName",
        "parentOrganisationName",
        "parentCompanyName",
        "childrensHomeName",
        "homeName",
        "schemeName",
        "ethnicity",
        "gender",
        "sex",
        "ageBand",
        "needs",
        "placementType",
        "publicationLevel",
        "ipAddress",
        "webAddress",
        "websiteAddress",
        "issuesAddressed",
        "concernsAddressed",
        "nhsTrust",
        "nhsNotes",
        "mobileApp",
        "zipFile",
        "phoneCallsMade",
        "hotelName",
        "adobeId",
        "telemetry",
        "birthOrder",
        "emailSent",
        "uri",
        "id",
        "",
        "_",
        "minimumName",
    ] {
        assert_eq!(personal_field(field), None, "{field}");
    }
}

#[test]
fn field_words_split_like_people_write_keys() {
    assert_eq!(field_words("NHSNumber"), ["nhs", "number"]);
    assert_eq!(field_words("childFirstName"), ["child", "first", "name"]);
    assert_eq!(field_words("address_line-2"), ["address", "line", "2"]);
    assert_eq!(field_words("addressLine1"), ["address", "line", "1"]);
    assert_eq!(field_words("DOB"), ["dob"]);
    assert_eq!(field_words("  "), Vec::<String>::new());
}
