//! Dates, numbers and money written the way each language writes them. Month names, decimal and
//! group separators and where the currency sign goes come from glibc's locale data
//! (`pure-rust-locales`); the order of day, month and year is the catalog's `format.date`.

use super::{Catalog, keys};
use crate::model::{Date, Language, Money, currency_symbol};
use pure_rust_locales as loc;
use rust_decimal::Decimal;

/// The locale facts one language's formatting needs.
struct LocaleData {
    months: &'static [&'static str],
    short_months: &'static [&'static str],
    decimal: &'static str,
    group: &'static str,
    money_decimal: &'static str,
    money_group: &'static str,
    sign_first: bool,
}

macro_rules! locale {
    ($m:ident) => {
        LocaleData {
            months: loc::$m::LC_TIME::MON,
            short_months: loc::$m::LC_TIME::ABMON,
            decimal: loc::$m::LC_NUMERIC::DECIMAL_POINT,
            group: loc::$m::LC_NUMERIC::THOUSANDS_SEP,
            money_decimal: loc::$m::LC_MONETARY::MON_DECIMAL_POINT,
            money_group: loc::$m::LC_MONETARY::MON_THOUSANDS_SEP,
            sign_first: loc::$m::LC_MONETARY::P_CS_PRECEDES == 1,
        }
    };
}

fn data(lang: Language) -> LocaleData {
    match lang {
        Language::En => locale!(en_US),
        Language::Es => locale!(es_ES),
        Language::Fr => locale!(fr_FR),
        Language::De => locale!(de_DE),
    }
}

/// Digits of a whole number with `group` between each three.
fn grouped(whole: &str, group: &str) -> String {
    let mut out = String::with_capacity(whole.len() + whole.len() / 3 * group.len());
    let n = whole.len();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push_str(group);
        }
        out.push(c);
    }
    out
}

impl Catalog {
    /// A date in words: "Mar 12, 2026", "12 de marzo de 2026", "12 mars 2026", "12. März 2026".
    pub fn date(&self, d: Date) -> String {
        let l = data(self.lang);
        let m = usize::try_from(d.0.month() - 1).unwrap_or(0);
        let day = if d.0.day() == 1 {
            self.get(keys::FIRST_DAY).to_string()
        } else {
            d.0.day().to_string()
        };
        let year = d.0.year().to_string();
        self.fill(
            keys::DATE_LONG,
            &[
                ("day", &day),
                ("month", l.months.get(m).copied().unwrap_or("")),
                ("mon", l.short_months.get(m).copied().unwrap_or("")),
                ("year", &year),
            ],
        )
    }

    /// "Mar 1, 2026 – Apr 30, 2026" in this language.
    pub fn date_range(&self, from: Date, to: Date) -> String {
        self.fill(
            keys::DATE_RANGE,
            &[("from", &self.date(from)), ("to", &self.date(to))],
        )
    }

    /// "from Mar 1, 2026" in this language.
    pub fn date_from(&self, from: Date) -> String {
        self.fill(keys::DATE_FROM, &[("from", &self.date(from))])
    }

    /// A whole number with this language's group separator: "1,234", "1.234", "1 234".
    pub fn number(&self, n: i64) -> String {
        let digits = grouped(&n.unsigned_abs().to_string(), data(self.lang).group);
        if n < 0 { format!("-{digits}") } else { digits }
    }

    /// A decimal number rounded to `dp` places: "12.5", "12,5".
    pub fn decimal(&self, x: Decimal, dp: u32) -> String {
        let l = data(self.lang);
        let r = x.round_dp(dp);
        let neg = r.is_sign_negative() && !r.is_zero();
        let text = r.abs().to_string();
        let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
        let mut out = String::from(if neg { "-" } else { "" });
        out.push_str(&grouped(whole, l.group));
        if !frac.is_empty() {
            out.push_str(l.decimal);
            out.push_str(frac);
        }
        out
    }

    /// Money with its currency, cents only when there are some: "$1,234.56", "1.234,56 €",
    /// "1 234,56 €"; a currency without a sign is written by its code ("2.500 CHF").
    pub fn money(&self, m: Money, currency: &str) -> String {
        if self.lang == Language::En {
            return m.display(currency);
        }
        let l = data(self.lang);
        let r = m.0.round_dp(2);
        let neg = r.is_sign_negative() && !r.is_zero();
        let abs = r.abs();
        let whole = abs.trunc();
        let cents = ((abs - whole) * Decimal::from(100)).trunc();
        let mut amount = grouped(&whole.to_string(), l.money_group);
        if !cents.is_zero() {
            amount.push_str(l.money_decimal);
            amount.push_str(&format!("{:0>2}", cents.to_string()));
        }
        let sign = currency_symbol(currency).unwrap_or(currency);
        let minus = if neg { "-" } else { "" };
        if l.sign_first && currency_symbol(currency).is_some() {
            format!("{minus}{sign}{amount}")
        } else {
            // A no-break space keeps the sign on the amount's line.
            format!("{minus}{amount}\u{a0}{sign}")
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Catalogs;
    use crate::model::{Date, Language, Money};

    fn cats() -> Catalogs {
        Catalogs::from_theme(&crate::load::theme::embedded_theme()).expect("catalogs")
    }

    #[test]
    fn dates_in_each_language() {
        let c = cats();
        let d = Date::parse("2026-03-12").expect("date");
        assert_eq!(c.get(Language::En).date(d), "Mar 12, 2026");
        assert_eq!(c.get(Language::Es).date(d), "12 de marzo de 2026");
        assert_eq!(c.get(Language::Fr).date(d), "12 mars 2026");
        assert_eq!(c.get(Language::De).date(d), "12. März 2026");
        let first = Date::parse("2026-05-01").expect("date");
        assert_eq!(c.get(Language::Fr).date(first), "1er mai 2026");
        assert_eq!(c.get(Language::Es).date(first), "1 de mayo de 2026");
    }

    #[test]
    fn money_in_each_language() {
        let c = cats();
        let m = Money::parse("1234.56").expect("money");
        assert_eq!(c.get(Language::En).money(m, "EUR"), "€1,234.56");
        assert_eq!(c.get(Language::Es).money(m, "EUR"), "1.234,56\u{a0}€");
        assert_eq!(c.get(Language::De).money(m, "EUR"), "1.234,56\u{a0}€");
        assert_eq!(
            c.get(Language::Fr).money(m, "EUR"),
            "1\u{202f}234,56\u{a0}€"
        );
        let whole = Money::parse("2500").expect("money");
        assert_eq!(c.get(Language::De).money(whole, "CHF"), "2.500\u{a0}CHF");
        let cents = Money::parse("-0.05").expect("money");
        assert_eq!(c.get(Language::Es).money(cents, "USD"), "-0,05\u{a0}$");
    }

    #[test]
    fn numbers_in_each_language() {
        let c = cats();
        assert_eq!(c.get(Language::En).number(1_234_567), "1,234,567");
        assert_eq!(c.get(Language::De).number(-1234), "-1.234");
        assert_eq!(c.get(Language::Fr).number(999), "999");
        let x = rust_decimal::Decimal::new(12345, 1);
        assert_eq!(c.get(Language::Es).decimal(x, 1), "1.234,5");
    }
}
