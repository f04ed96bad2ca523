//! Value types shared by the raw records and the model: dates, money and ids (the closed
//! vocabularies are in [`super::vocabulary`]).

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::str::FromStr;

/// A calendar date (no time, no zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    /// Builds a date, `None` when it does not exist.
    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }

    /// The calendar year.
    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y = s.get(0..4)?.parse().ok()?;
        let m = s.get(5..7)?.parse().ok()?;
        let d = s.get(8..10)?.parse().ok()?;
        Date::new(y, m, d)
    }

    /// `self + days`, saturating at the calendar's ends.
    pub fn plus_days(self, days: i64) -> Date {
        let span = jiff::Span::new().days(days.clamp(-3_000_000, 3_000_000));
        Date(self.0.checked_add(span).unwrap_or(if days < 0 {
            jiff::civil::Date::MIN
        } else {
            jiff::civil::Date::MAX
        }))
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        self.0
            .until(other.0)
            .map(|s| i64::from(s.get_days()))
            .unwrap_or(0)
    }

    /// `2026-03-08`.
    pub fn iso(self) -> String {
        self.0.to_string()
    }

    /// `20260308`, for iCalendar.
    pub fn compact(self) -> String {
        self.0.strftime("%Y%m%d").to_string()
    }

    /// `Mar 8, 2026`, for people.
    pub fn human(self) -> String {
        self.0.strftime("%b %-d, %Y").to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = toml::value::Datetime::deserialize(d)?;
        date_from_toml(&dt).map_err(serde::de::Error::custom)
    }
}

/// A TOML datetime that must be a bare date.
pub fn date_from_toml(dt: &toml::value::Datetime) -> Result<Date, String> {
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => Date::new(d.year as i16, d.month as i8, d.day as i8)
            .ok_or_else(|| format!("`{dt}` is not a date on the calendar")),
        _ => Err(format!("expected a date like 2026-03-01, found `{dt}`")),
    }
}

/// An exact decimal amount of money, in the campaign's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub Decimal);

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Parses `2500`, `2,500.50` or `2500.5`.
    pub fn parse(s: &str) -> Option<Money> {
        let cleaned: String = s
            .trim()
            .chars()
            .filter(|c| *c != ',' && *c != '_')
            .collect();
        if cleaned.is_empty() {
            return None;
        }
        Decimal::from_str(&cleaned).ok().map(Money)
    }

    /// The decimal string used in JSON (`"2500.00"` keeps what was written, normalised).
    pub fn decimal_string(self) -> String {
        self.0.normalize().to_string()
    }

    /// Formats with the currency: `$2,500` or `€1,234.50`.
    pub fn display(self, currency: &str) -> String {
        let rounded = self.0.round_dp(2);
        let neg = rounded.is_sign_negative() && !rounded.is_zero();
        let abs = rounded.abs();
        let whole = abs.trunc();
        let cents = ((abs - whole) * Decimal::from(100)).trunc();
        let mut digits = whole.to_string();
        let mut grouped = String::new();
        while digits.len() > 3 {
            let tail = digits.split_off(digits.len() - 3);
            grouped = format!(",{tail}{grouped}");
        }
        grouped = format!("{digits}{grouped}");
        if !cents.is_zero() {
            grouped = format!(
                "{grouped}.{:02}",
                cents.to_string().parse::<u32>().unwrap_or(0)
            );
        }
        let (pre, post) = currency_affixes(currency);
        format!("{}{pre}{grouped}{post}", if neg { "-" } else { "" })
    }
}

/// The sign of a currency campsite knows by ISO code ("$", "€"); `None` for the others.
pub fn currency_symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "CAD" => "CA$",
        "AUD" => "A$",
        "GBP" => "£",
        "EUR" => "€",
        "JPY" => "¥",
        "INR" => "₹",
        _ => return None,
    })
}

fn currency_affixes(code: &str) -> (String, String) {
    match currency_symbol(code) {
        Some(sign) => (sign.into(), String::new()),
        None => (String::new(), format!(" {code}")),
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.decimal_string())
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0.saturating_add(o.0))
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount of money like 2500 or 2500.50")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Money, E> {
                check_sign(Money(Decimal::from(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Money, E> {
                Ok(Money(Decimal::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Money, E> {
                // Rust prints the shortest text that reads back as the same float, which is the
                // decimal the author wrote for any amount with up to 15 significant digits.
                Money::parse(&format!("{v}"))
                    .ok_or_else(|| E::custom("amount is not a finite number"))
                    .and_then(check_sign)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Money, E> {
                Money::parse(v)
                    .ok_or_else(|| E::custom(format!("`{v}` is not an amount of money")))
                    .and_then(check_sign)
            }
        }
        d.deserialize_any(V)
    }
}

fn check_sign<E: serde::de::Error>(m: Money) -> Result<Money, E> {
    if m.0.is_sign_negative() && !m.0.is_zero() {
        Err(E::custom("an amount of money cannot be negative"))
    } else {
        Ok(m)
    }
}

/// True for a valid handle or slug: lowercase ASCII letters, digits and `-`, 1–64 characters.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a string already checked by [`is_valid_id`].
            pub fn new_unchecked(s: impl Into<String>) -> Self {
                $name(s.into())
            }
            /// Checks and wraps.
            pub fn parse(s: &str) -> Option<Self> {
                is_valid_id(s).then(|| $name(s.to_string()))
            }
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A creator's handle: the stem of `content/creators/<handle>.toml`.
    Handle
);
id_type!(
    /// A campaign's slug: the name of `content/campaigns/<slug>/`.
    CampaignSlug
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats_exactly() {
        assert_eq!(
            Money::parse("2500").map(|m| m.display("USD")),
            Some("$2,500".into())
        );
        assert_eq!(
            Money::parse("1234567.5").map(|m| m.display("EUR")),
            Some("€1,234,567.50".into())
        );
        assert_eq!(
            Money::parse("12,345.05").map(|m| m.display("CHF")),
            Some("12,345.05 CHF".into())
        );
        assert_eq!(
            Money::parse("0.1").map(|m| m + Money::parse("0.2").unwrap_or_default()),
            Money::parse("0.3")
        );
        assert_eq!(Money::parse("abc"), None);
    }

    #[test]
    fn dates_parse_and_count() {
        assert_eq!(Date::parse("2026-02-30"), None);
        let a = Date::parse("2026-03-01").expect("date");
        let b = Date::parse("2026-03-12").expect("date");
        assert_eq!(a.days_until(b), 11);
        assert_eq!(b.days_until(a), -11);
        assert_eq!(a.plus_days(90).iso(), "2026-05-30");
        assert_eq!(a.human(), "Mar 1, 2026");
        assert_eq!(a.compact(), "20260301");
    }

    #[test]
    fn ids_are_checked() {
        assert!(is_valid_id("mia-chen2"));
        assert!(!is_valid_id("Mia"));
        assert!(!is_valid_id("mia chen"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id(&"a".repeat(65)));
    }
}
