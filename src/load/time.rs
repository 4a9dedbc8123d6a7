//! Times and dates of the front matter: RFC 3339 with an offset, or with a bracketed IANA zone
//! (`2017-04-06T18:30:00[America/Vancouver]`), into `jiff::Zoned`; `YYYY-MM-DD` into dates.

use jiff::fmt::temporal::Pieces;
use jiff::tz::TimeZone;
use jiff::{Zoned, civil::Date};

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
    fn dates() {
        assert_eq!(parse_date("2017-05-01").unwrap().day(), 1);
        assert!(parse_date("2017-13-01").is_err());
    }
}
