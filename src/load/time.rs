//! Times and dates of the front matter: RFC 3339 with an offset, or with a bracketed IANA zone
//! (`2017-04-06T18:30:00[America/Vancouver]`), into `jiff::Zoned`; `YYYY-MM-DD` into dates.
//! Incident times ([`When`]) may also be a day alone, or a date and time without an offset
//! (read in the KB's zone), as other tools and site generators write them
//! (`2019-07-02 14:00:00 +0000`, `2022-12-24 23:41`).

use jiff::fmt::temporal::Pieces;
use jiff::tz::{Offset, TimeZone};
use jiff::{Zoned, civil::Date};

/// The zone abbreviations understood, with their offsets from UTC in minutes.
pub const ZONES: [(&str, i32); 48] = [
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("PST", -8 * 60),
    ("PDT", -7 * 60),
    ("MST", -7 * 60),
    ("MDT", -6 * 60),
    ("CST", -6 * 60),
    ("CDT", -5 * 60),
    ("EST", -5 * 60),
    ("EDT", -4 * 60),
    ("CET", 60),
    ("CEST", 2 * 60),
    // The same, as German write-ups say them.
    ("MEZ", 60),
    ("MESZ", 2 * 60),
    ("BST", 60),
    ("IST", 5 * 60 + 30),
    ("JST", 9 * 60),
    ("AEST", 10 * 60),
    ("AEDT", 11 * 60),
    ("WET", 0),
    ("WEST", 60),
    ("EET", 2 * 60),
    ("EEST", 3 * 60),
    ("MSK", 3 * 60),
    ("SGT", 8 * 60),
    ("HKT", 8 * 60),
    ("AWST", 8 * 60),
    ("KST", 9 * 60),
    ("NZST", 12 * 60),
    ("NZDT", 13 * 60),
    ("HST", -10 * 60),
    ("AKST", -9 * 60),
    ("AKDT", -8 * 60),
    ("BRT", -3 * 60),
    ("GST", 4 * 60),
    // Moscow and Turkey, as Russian and Turkish write-ups say them.
    ("МСК", 3 * 60),
    ("TSİ", 3 * 60),
    ("TRT", 3 * 60),
    // Indochina and Indonesia (western, central, eastern), the Philippines, Pakistan.
    ("ICT", 7 * 60),
    ("WIB", 7 * 60),
    ("WITA", 8 * 60),
    ("WIT", 9 * 60),
    ("PHT", 8 * 60),
    ("PKT", 5 * 60),
    // Central European time and its summer time, as Czech write-ups say them.
    ("SEČ", 60),
    ("SELČ", 2 * 60),
    // Israel's summer time (its winter time, `IST`, is India's here: a note `שעון ישראל` says
    // Israel's clock).
    ("IDT", 3 * 60),
];

/// The North American zones written without standard or daylight time, which follow the
/// clock of their region (`10:32 AM PT`).
pub const REGIONS: [(&str, &str); 4] = [
    ("PT", "America/Los_Angeles"),
    ("MT", "America/Denver"),
    ("CT", "America/Chicago"),
    ("ET", "America/New_York"),
];

/// Whether `word` is what a note of the times' zone says `times` with: `All times`, and
/// `Todas las horas`, `Toutes les heures`, `Alle Zeiten`, `Todos os horários`.
pub fn is_times_word(word: &str) -> bool {
    [
        "times",
        "horas",
        "heures",
        "zeiten",
        "zeitangaben",
        "uhrzeiten",
        "horários",
        "horarios",
        "orari",
        "tijden",
        "время",
        "시각",
        "시각은",
        "saatler",
        "godziny",
        "godzin",
        "waktu",
        "časy",
        "الأوقات",
        "بتوقيت",
        "שעון",
        "השעות",
        "ajat",
        "kellonajat",
        "часи",
        "час",
        "часом",
        "ώρες",
        "ώρα",
        "tidspunkter",
        "tidspunktene",
        "tider",
        "klokkeslett",
        "tid",
        "orele",
        "ora",
        "ore",
        "időpont",
        "időpontok",
        "idő",
        "hores",
        "hora",
        "čase",
        "času",
        "समय",
    ]
    .iter()
    .any(|t| word.eq_ignore_ascii_case(t))
}

/// A digit's value: an ASCII digit, an Arabic-Indic one (`٠`-`٩`, as Arabic writes a time,
/// `١٤:٠٥`) or a Persian one (`۰`-`۹`).
pub fn digit_value(ch: char) -> Option<u32> {
    match ch {
        '0'..='9' => Some(ch as u32 - '0' as u32),
        '\u{660}'..='\u{669}' => Some(ch as u32 - 0x660),
        '\u{6f0}'..='\u{6f9}' => Some(ch as u32 - 0x6f0),
        _ => None,
    }
}

/// `s` with its Arabic-Indic and Persian digits written as ASCII ones (`١١ يونيو ٢٠٢٤` is
/// `11 يونيو 2024`): a copy to read a value from, never to take offsets in (each of those
/// digits is two bytes).
pub fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii()
        || !s
            .chars()
            .any(|c| !c.is_ascii_digit() && digit_value(c).is_some())
    {
        return s.into();
    }
    (s.chars())
        .map(|c| match digit_value(c) {
            Some(d) if !c.is_ascii_digit() => char::from(b'0' + d as u8),
            _ => c,
        })
        .collect::<String>()
        .into()
}

/// The zone of an abbreviation of the tables (matched case-insensitively).
pub fn zone_of(word: &str) -> Option<TimeZone> {
    // `UTC+1`, `GMT-05:00`, `UTC−3` (a minus sign), as a note of the times' zone writes an
    // offset.
    if let Some(rest) = ["UTC", "GMT"].iter().find_map(|p| {
        word.get(..3)
            .filter(|h| h.eq_ignore_ascii_case(p))
            .map(|_| &word[3..])
    }) && let Some((sign, digits)) = (rest.strip_prefix('+').map(|d| (1, d)))
        .or_else(|| rest.strip_prefix(['-', '−']).map(|d| (-1, d)))
    {
        let (h, m) = digits.split_once(':').unwrap_or((digits, "0"));
        let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
        return ((0..=14).contains(&h) && (0..60).contains(&m))
            .then(|| Offset::from_seconds(sign * (h * 3600 + m * 60)).ok())
            .flatten()
            .map(TimeZone::fixed);
    }
    if let Some((_, minutes)) = ZONES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(word))
    {
        return Offset::from_seconds(minutes * 60).ok().map(TimeZone::fixed);
    }
    let (_, iana) = REGIONS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(word))?;
    TimeZone::get(iana).ok()
}

/// `America/Sao_Paulo`, `Europe/Oslo`: a zone by its IANA name, as a tool's export or a
/// careful writer names it. Its underscores may have gone with the emphasis around them
/// (`America/SaoPaulo` from `_America/Sao_Paulo_` read as text): the name is then found
/// without them.
pub fn iana_zone(name: &str) -> Option<TimeZone> {
    if !(name.contains('/') && name.starts_with(|c: char| c.is_ascii_uppercase())) {
        return None;
    }
    TimeZone::get(name).ok().or_else(|| {
        let bare = |n: &str| n.replace('_', "").to_ascii_lowercase();
        let want = bare(name);
        let found = (jiff::tz::db().available()).find(|n| bare(n.as_str()) == want)?;
        TimeZone::get(found.as_str()).ok()
    })
}

/// Parses an incident time. The zone is kept so pages show times as the authors wrote them.
pub fn parse_time(s: &str) -> Result<Zoned, String> {
    let pieces = Pieces::parse(s.trim()).map_err(|e| format!("`{s}` is not a valid time: {e}"))?;
    let time = pieces
        .time()
        .ok_or_else(|| format!("`{s}` has a date but no time of day"))?;
    let dt = pieces.date().to_datetime(time);
    let tz = pieces
        .to_time_zone()
        .map_err(|e| format!("`{s}` names an unknown time zone: {e}"))?;
    let zoned = match (pieces.to_numeric_offset(), tz) {
        (Some(off), Some(tz)) => off.to_timestamp(dt).map(|t| t.to_zoned(tz)),
        (Some(off), None) => off
            .to_timestamp(dt)
            .map(|t| t.to_zoned(TimeZone::fixed(off))),
        (None, Some(tz)) => tz.to_zoned(dt),
        (None, None) => {
            return Err(format!(
                "`{s}` has no offset or time zone, so it could be any of 24 hours"
            ));
        }
    };
    zoned.map_err(|e| format!("`{s}` is out of range: {e}"))
}

/// An incident time as the post-mortem gives it: an instant, or only the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    At(Zoned),
    Day(Date),
}

impl When {
    /// The calendar day (in the time's own zone).
    pub fn date(&self) -> Date {
        match self {
            When::At(z) => z.date(),
            When::Day(d) => *d,
        }
    }

    /// The instant, when the time of day is known.
    pub fn exact(&self) -> Option<&Zoned> {
        match self {
            When::At(z) => Some(z),
            When::Day(_) => None,
        }
    }

    /// Seconds since the epoch, for ordering: a day counts from its start in UTC.
    pub fn sort_seconds(&self) -> i64 {
        match self {
            When::At(z) => z.timestamp().as_second(),
            When::Day(d) => d
                .to_zoned(TimeZone::UTC)
                .map_or(0, |z| z.timestamp().as_second()),
        }
    }

    /// As machines read it: an RFC 3339 instant, or `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        match self {
            When::At(z) => z.timestamp().to_string(),
            When::Day(d) => d.to_string(),
        }
    }

    /// Minutes from `self` to `later`, when both are instants.
    pub fn minutes_to(&self, later: &When) -> Option<i64> {
        Some(crate::format::minutes_between(
            self.exact()?,
            later.exact()?,
        ))
    }
}

/// How an incident time was read, besides its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// As written, with its offset or zone, or a day.
    Exact,
    /// A date and time without an offset, read in the given zone.
    Assumed,
}

/// Parses an incident time: RFC 3339 (`T` or a space between date and time, seconds optional,
/// an offset written `+00:00`, `+0000`, `Z` or `UTC`, spaces before it allowed), a bracketed
/// IANA zone, a day alone, or a date and time without an offset (read in `zone`).
pub fn parse_when(s: &str, zone: &TimeZone) -> Result<(When, Reading), String> {
    let t = s.trim();
    // `<2024-05-14 Tue 09:12>`, `[2024-05-16 Thu]`: an Emacs org-mode timestamp, as pandoc
    // keeps it (`*\<2024-05-16 Thu\>*`): the date and time without the brackets and the day
    // of the week.
    if let Some(inner) = org_timestamp(t) {
        return parse_when(&inner, zone).map_err(|_| format!("`{s}` is not a valid time"));
    }
    // jiff reads a date out of a longer date-time too: only `YYYY-MM-DD` alone is a day.
    if t.len() == 10
        && let Ok(d) = t.parse::<Date>()
    {
        return Ok((When::Day(d), Reading::Exact));
    }
    // `2024-12-03 21:14 JST`, `2024-11-04 11:52 ET`: a zone of the tables after the time.
    if let Some((head, word)) = t.rsplit_once(' ')
        && head.trim().len() > 10
        && let Some(tz) = zone_of(word)
        && let Ok((When::At(z), Reading::Assumed)) = parse_when(head, &tz)
    {
        return Ok((When::At(z), Reading::Exact));
    }
    let normal = normalize(t);
    match parse_time(&normal) {
        Ok(z) => Ok((When::At(z), Reading::Exact)),
        Err(e) => {
            let Ok(pieces) = Pieces::parse(normal.as_str()) else {
                return Err(e.replace(&normal, s));
            };
            let (None, Ok(None)) = (pieces.to_numeric_offset(), pieces.to_time_zone()) else {
                return Err(e.replace(&normal, s));
            };
            let Some(time) = pieces.time() else {
                return Err(e.replace(&normal, s));
            };
            let dt = pieces.date().to_datetime(time);
            zone.to_zoned(dt)
                .map(|z| (When::At(z), Reading::Assumed))
                .map_err(|e| format!("`{s}` is out of range: {e}"))
        }
    }
}

/// The date and time of an org-mode timestamp (`<2024-05-14 Tue 09:12>` -> `2024-05-14
/// 09:12`), with pandoc's emphasis and escapes around it or not; `None` for anything else.
pub(crate) fn org_timestamp(t: &str) -> Option<String> {
    let t = t.trim_matches(['*', '_']).replace('\\', "");
    let inner = (t.strip_prefix('<').and_then(|r| r.strip_suffix('>')))
        .or_else(|| t.strip_prefix('[').and_then(|r| r.strip_suffix(']')))?;
    let mut words = inner.split_whitespace();
    let date = words
        .next()
        .filter(|d| d.len() == 10 && d.parse::<Date>().is_ok())?;
    // The day of the week (`Tue`) goes; any other word (`PM`, `CET`) is no org timestamp's.
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let mut rest: Vec<&str> = Vec::new();
    for w in words {
        if w.chars().all(char::is_alphabetic) {
            let day = w
                .get(..3)
                .is_some_and(|d| DAYS.contains(&d.to_ascii_lowercase().as_str()));
            if !day || w.len() > 9 {
                return None;
            }
        } else {
            rest.push(w);
        }
    }
    match rest.as_slice() {
        [] => Some(date.to_string()),
        [time] if time.len() <= 5 && time.contains(':') => Some(format!("{date} {time}")),
        _ => None,
    }
}

/// `2019-07-02 14:00:00 +0000` -> `2019-07-02T14:00:00+00:00`; `... UTC` -> `...Z`.
fn normalize(t: &str) -> String {
    let mut out = t.to_string();
    // The separator between date and time.
    if out.len() > 10
        && out.as_bytes()[10] == b' '
        && out.is_char_boundary(10)
        && out[..10].parse::<Date>().is_ok()
    {
        out.replace_range(10..11, "T");
    }
    // The zone: ` +0000`, ` -05:00`, ` UTC`, ` GMT`, ` Z` at the end.
    let trimmed = out.trim_end().to_string();
    for suffix in [" UTC", " GMT", " Z", "UTC", "GMT"] {
        if let Some(rest) = trimmed.strip_suffix(suffix)
            && rest.len() > 10
        {
            return format!("{}Z", rest.trim_end());
        }
    }
    if let Some(i) = trimmed.rfind([' ', '+', '-']).filter(|&i| i > 10) {
        let (head, tail) = trimmed.split_at(i);
        let sign_and_digits = tail.trim_start();
        let digits: String = sign_and_digits
            .chars()
            .skip(1)
            .filter(|c| *c != ':')
            .collect();
        if sign_and_digits.starts_with(['+', '-'])
            && digits.len() == 4
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            let sign = &sign_and_digits[..1];
            return format!("{}{sign}{}:{}", head.trim_end(), &digits[..2], &digits[2..]);
        }
    }
    trimmed
}

/// Parses a calendar date (`2017-05-01`), as used by action items.
pub fn parse_date(s: &str) -> Result<Date, String> {
    s.trim()
        .parse::<Date>()
        .map_err(|e| format!("`{s}` is not a valid date (YYYY-MM-DD): {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_times_keep_their_offset() {
        let z = parse_time("2017-04-06T18:30:00-07:00").unwrap();
        assert_eq!(z.hour(), 18);
        assert_eq!(z.offset().seconds(), -7 * 3600);
        assert_eq!(z.timestamp().to_string(), "2017-04-07T01:30:00Z");
    }

    #[test]
    fn zone_annotations_resolve() {
        let z = parse_time("2017-04-06T18:30:00[America/Vancouver]").unwrap();
        assert_eq!(z.offset().seconds(), -7 * 3600);
        assert_eq!(z.time_zone().iana_name(), Some("America/Vancouver"));
    }

    #[test]
    fn bad_times_explain_themselves() {
        assert!(
            parse_time("2017-04-06")
                .unwrap_err()
                .contains("no time of day")
        );
        assert!(
            parse_time("2017-04-06T18:30:00")
                .unwrap_err()
                .contains("no offset")
        );
        assert!(parse_time("2017-02-30T18:30:00Z").is_err());
        assert!(parse_time("yesterday").is_err());
        assert!(parse_time("2017-04-06T18:30:00[Mars/Olympus]").is_err());
    }

    #[test]
    fn incident_times_as_other_tools_write_them() {
        let utc = TimeZone::UTC;
        let lisbon = TimeZone::get("Europe/Lisbon").unwrap();
        let at = |s: &str, zone: &TimeZone| parse_when(s, zone).unwrap();
        assert_eq!(
            at("2017-06-13", &utc).0,
            When::Day(jiff::civil::date(2017, 6, 13))
        );
        let (w, r) = at("2019-07-02 14:00:00 +0000", &lisbon);
        assert_eq!(
            (w.iso().as_str(), r),
            ("2019-07-02T14:00:00Z", Reading::Exact)
        );
        let (w, _) = at("2017-11-23 10:32:00 -0500", &utc);
        assert_eq!(w.iso(), "2017-11-23T15:32:00Z");
        let (w, _) = at("2021-02-16T10:00:00+01:00", &utc);
        assert_eq!(w.iso(), "2021-02-16T09:00:00Z");
        let (w, _) = at("2016-08-09 06:12 UTC", &lisbon);
        assert_eq!(w.iso(), "2016-08-09T06:12:00Z");
        let (w, r) = at("2022-12-24 23:41", &lisbon);
        assert_eq!(
            (w.iso().as_str(), r),
            ("2022-12-24T23:41:00Z", Reading::Assumed)
        );
        let (w, r) = at("2022-07-24T23:41:00", &lisbon);
        assert_eq!(
            (w.iso().as_str(), r),
            ("2022-07-24T22:41:00Z", Reading::Assumed)
        );
        // A zone abbreviation of the tables after the time, as homegrown front matters write it.
        let (w, r) = at("2024-12-03 21:14 JST", &lisbon);
        assert_eq!(
            (w.iso().as_str(), r),
            ("2024-12-03T12:14:00Z", Reading::Exact)
        );
        let (w, _) = at("2024-11-04 11:52 ET", &utc);
        assert_eq!(w.iso(), "2024-11-04T16:52:00Z");
        assert!(parse_when("2024-12-03 21:14 Mars", &utc).is_err());
        assert!(
            parse_when("last Tuesday", &utc)
                .unwrap_err()
                .contains("last Tuesday")
        );
        assert!(parse_when("2017-02-30", &utc).is_err());
        assert!(parse_when("2017-04-06T18:30:00[Mars/Olympus]", &utc).is_err());
    }

    #[test]
    fn durations_need_two_instants() {
        let utc = TimeZone::UTC;
        let a = parse_when("2017-06-13T10:00Z", &utc).unwrap().0;
        let b = parse_when("2017-06-13T10:45Z", &utc).unwrap().0;
        let day = parse_when("2017-06-13", &utc).unwrap().0;
        assert_eq!(a.minutes_to(&b), Some(45));
        assert_eq!(day.minutes_to(&b), None);
        assert!(day.sort_seconds() < a.sort_seconds());
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2017-05-01").unwrap().day(), 1);
        assert!(parse_date("2017-13-01").is_err());
    }
}
