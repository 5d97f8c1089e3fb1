//! Reading the releases of a file to publish one at a time, in two passes that never hold the
//! file: the first learns its shape (a release package and its metadata, or releases: one, an
//! array, or JSON Lines) and counts its releases; the second hands each release over in order.

use std::fmt;
use std::io::Read;

use serde::de::{
    self, Deserialize as _, DeserializeSeed, Deserializer as _, IgnoredAny, MapAccess, SeqAccess,
};
use serde_json::{Map, Value};

use super::FeedError;

/// The visitor methods of every JSON scalar (boolean, number, string, null), each giving
/// `$value`: the shapes read here only need to know that a value is not an object or a list.
macro_rules! any_scalar_is {
    ($value:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($value)
        }
    };
}

/// What the first pass learnt.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A release package: its metadata (every field but `releases`).
    Package(Map<String, Value>),
    /// Releases without a package: one, an array, or JSON Lines.
    Releases,
}

/// A file's shape and how many releases it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    /// Its shape.
    pub shape: Shape,
    /// How many releases it holds.
    pub releases: usize,
}

/// One top-level value, as the first pass sees it.
enum Probe {
    /// An object: its fields but `releases`, and the length of `releases` when it is a list
    /// (`Some(None)` when it is present but not a list).
    Object(Map<String, Value>, Option<Option<usize>>),
    /// A list of this many values.
    List(usize),
    /// Anything else.
    Other,
}

impl<'de> de::Deserialize<'de> for Probe {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> de::Visitor<'de> for Visit {
            type Value = Probe;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a release package or a release")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
                let mut fields = Map::new();
                let mut releases = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "releases" {
                        releases = Some(map.next_value::<Length>()?.0);
                    } else {
                        let value = map.next_value::<Value>()?;
                        fields.insert(key, value);
                    }
                }
                Ok(Probe::Object(fields, releases))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Probe, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Probe::List(n))
            }
            any_scalar_is!(Probe::Other);
        }
        deserializer.deserialize_any(Visit)
    }
}

/// The length of a list, skipped without being held; `None` for a value that is not a list.
struct Length(Option<usize>);

impl<'de> de::Deserialize<'de> for Length {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> de::Visitor<'de> for Visit {
            type Value = Length;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of releases")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Length, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Length(Some(n)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Length, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Length(None))
            }
            any_scalar_is!(Length(None));
        }
        deserializer.deserialize_any(Visit)
    }
}

/// A JSON error as a reader of the file wants it: where, then what.
fn located(name: &str, e: &serde_json::Error) -> FeedError {
    let text = e.to_string();
    let what = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(what, _)| what);
    FeedError::Input(format!(
        "`{name}` line {}, column {}: {what}",
        e.line(),
        e.column()
    ))
}

fn not_releases(name: &str) -> FeedError {
    FeedError::Input(format!(
        "`{name}` is not a release package, a release, or releases; `pcds validate {name}` says more"
    ))
}

/// The first pass: what `reader` holds, without holding it.
///
/// # Errors
/// When it is not JSON, not a release package or releases, or holds no release.
pub fn survey(reader: impl Read, name: &str) -> Result<Survey, FeedError> {
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    if deserializer.end().is_ok() {
        return Err(FeedError::Input(format!("`{name}` is empty")));
    }
    let first = match Probe::deserialize(&mut deserializer) {
        Err(e) if e.line() == 1 && !e.is_eof() => {
            return Err(FeedError::Input(format!("`{name}` is not JSON: {e}")));
        }
        Err(e) => return Err(located(name, &e)),
        Ok(first) => first,
    };
    // Every later value is only looked at, never held: whether it is an object, and whether
    // it has `releases`.
    let mut later = || -> Option<Result<Shallow, FeedError>> {
        if deserializer.end().is_ok() {
            return None;
        }
        Some(Shallow::deserialize(&mut deserializer).map_err(|e| located(name, &e)))
    };
    let alone = |later: Option<Result<Shallow, FeedError>>| match later {
        None => Ok(()),
        Some(Err(e)) => Err(e),
        Some(Ok(_)) => Err(not_releases(name)),
    };
    match first {
        Probe::Object(metadata, Some(Some(n))) if n > 0 => {
            alone(later())?;
            Ok(Survey {
                shape: Shape::Package(metadata),
                releases: n,
            })
        }
        Probe::Object(_, Some(_)) => Err(FeedError::Input(format!(
            "`{name}` has no releases to publish"
        ))),
        Probe::Object(release, None) if release.contains_key("ocid") => {
            // One release, or the first line of JSON Lines: every later value must be a
            // release too.
            let mut releases = 1;
            while let Some(value) = later() {
                match value? {
                    Shallow::Release => releases += 1,
                    Shallow::Other => return Err(not_releases(name)),
                }
            }
            Ok(Survey {
                shape: Shape::Releases,
                releases,
            })
        }
        Probe::List(n) if n > 0 => {
            alone(later())?;
            Ok(Survey {
                shape: Shape::Releases,
                releases: n,
            })
        }
        _ => Err(not_releases(name)),
    }
}

/// A value after the first, skipped as it is read: an object without `releases` (a line of
/// JSON Lines), or anything else.
enum Shallow {
    Release,
    Other,
}

impl<'de> de::Deserialize<'de> for Shallow {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> de::Visitor<'de> for Visit {
            type Value = Shallow;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a release")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shallow, A::Error> {
                let mut package = false;
                while let Some(key) = map.next_key::<String>()? {
                    package |= key == "releases";
                    map.next_value::<IgnoredAny>()?;
                }
                Ok(if package {
                    Shallow::Other
                } else {
                    Shallow::Release
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shallow, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Shallow::Other)
            }
            any_scalar_is!(Shallow::Other);
        }
        deserializer.deserialize_any(Visit)
    }
}

/// Hands each release to `take`, which may stop the reading by returning an error.
struct Releases<'t, E> {
    take: &'t mut dyn FnMut(Value) -> Result<(), E>,
    stopped: &'t mut Option<E>,
}

impl<'de, E> DeserializeSeed<'de> for Releases<'_, E> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, E> de::Visitor<'de> for Releases<'_, E> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of releases")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(release) = seq.next_element::<Value>()? {
            if let Err(e) = (self.take)(release) {
                *self.stopped = Some(e);
                return Err(de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

/// A release, or a list of releases, handed over one at a time.
struct Loose<'t, E>(Releases<'t, E>);

impl<'de, E> de::Visitor<'de> for Loose<'_, E> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a release or a list of releases")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        de::Visitor::visit_seq(self.0, seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut release = Map::new();
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            release.insert(key, value);
        }
        if let Err(e) = (self.0.take)(Value::Object(release)) {
            *self.0.stopped = Some(e);
            return Err(de::Error::custom("stopped"));
        }
        Ok(())
    }
}

/// Finds `releases` in a package and hands each of its releases over.
struct InPackage<'t, E>(Releases<'t, E>);

impl<'de, E> de::Visitor<'de> for InPackage<'_, E> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a release package")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut releases = Some(self.0);
        while let Some(key) = map.next_key::<String>()? {
            match (key == "releases", releases.take()) {
                (true, Some(seed)) => map.next_value_seed(seed)?,
                (_, seed) => {
                    releases = seed;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The second pass: hands each release of `reader`, of the shape `survey` found, to `take`
/// in order, holding one at a time. An error from `take` stops the reading and is returned.
///
/// # Errors
/// What `take` returned, or an input error when the file no longer has the shape surveyed.
pub fn releases(
    reader: impl Read,
    name: &str,
    shape: &Shape,
    take: &mut dyn FnMut(Value) -> Result<(), FeedError>,
) -> Result<(), FeedError> {
    let changed = || FeedError::Input(format!("`{name}` changed while it was being published"));
    let mut stopped = None;
    let result = match shape {
        Shape::Package(_) => {
            let mut deserializer = serde_json::Deserializer::from_reader(reader);
            deserializer.deserialize_map(InPackage(Releases {
                take,
                stopped: &mut stopped,
            }))
        }
        Shape::Releases => {
            // One value after another (JSON Lines), each a release or a list of them.
            let mut deserializer = serde_json::Deserializer::from_reader(reader);
            let mut outcome = Ok(());
            while outcome.is_ok() && stopped.is_none() && deserializer.end().is_err() {
                outcome = deserializer.deserialize_any(Loose(Releases {
                    take: &mut *take,
                    stopped: &mut stopped,
                }));
            }
            outcome
        }
    };
    match (stopped, result) {
        (Some(e), _) => Err(e),
        (None, Err(_)) => Err(changed()),
        (None, Ok(())) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(bytes: &[u8]) -> Result<(Survey, Vec<Value>), FeedError> {
        let survey = survey(bytes, "f")?;
        let mut seen = Vec::new();
        releases(bytes, "f", &survey.shape, &mut |r| {
            seen.push(r);
            Ok(())
        })?;
        Ok((survey, seen))
    }

    #[test]
    fn packages_releases_arrays_and_json_lines_are_all_read() {
        let (survey, seen) =
            all(br#"{"uri": "x", "releases": [{"ocid": "a"}, {"ocid": "b"}], "version": "1.1"}"#)
                .expect("a package");
        assert!(
            matches!(&survey.shape, Shape::Package(m) if m.contains_key("uri") && m.contains_key("version") && !m.contains_key("releases"))
        );
        assert_eq!((survey.releases, seen.len()), (2, 2));
        assert_eq!(seen[1]["ocid"], "b");
        let (survey, seen) = all(br#"{"ocid": "a"}"#).expect("a release");
        assert_eq!(
            (survey.shape, survey.releases, seen.len()),
            (Shape::Releases, 1, 1)
        );
        let (survey, seen) = all(b"{\"ocid\": \"a\"}\n\n{\"ocid\": \"b\"}\n").expect("JSON Lines");
        assert_eq!((survey.releases, seen.len()), (2, 2));
        let (survey, seen) =
            all(br#"[{"ocid": "a"}, {"ocid": "b"}, {"ocid": "c"}]"#).expect("a list");
        assert_eq!((survey.releases, seen.len()), (3, 3));
    }

    #[test]
    fn what_is_not_releases_is_refused_with_where_and_why() {
        for bad in [
            &b"{\"releases\": []}"[..],
            b"{\"releases\": {}}",
            b"42",
            b"",
            b"   \n",
            b"{\"ocid\": \"a\"}\n{oops",
            b"[]",
            b"{\"uri\": \"x\"}",
            b"{\"ocid\": \"a\"}\n[1]",
            b"{\"releases\": [{}]} {\"releases\": [{}]}",
            b"\xff\xfe",
        ] {
            assert!(
                matches!(survey(bad, "f"), Err(FeedError::Input(_))),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        let Err(FeedError::Input(said)) = survey(&b"{\"ocid\": \"a\"}\n\n{\"ocid\": 3,"[..], "f")
        else {
            panic!("a truncated third line is refused");
        };
        assert!(said.starts_with("`f` line 3, column "), "{said}");
        let Err(FeedError::Input(said)) = survey(&b"{\"releases\": [{\"ocid\""[..], "f") else {
            panic!("a truncated package is refused");
        };
        assert!(said.starts_with("`f` line 1, column "), "{said}");
    }

    #[test]
    fn an_error_from_the_taker_stops_the_reading() {
        let bytes = br#"{"releases": [{"ocid": "a"}, {"ocid": "b"}, {"ocid": "c"}]}"#;
        let survey = survey(&bytes[..], "f").expect("a package");
        let mut taken = 0;
        let stopped = releases(&bytes[..], "f", &survey.shape, &mut |_| {
            taken += 1;
            if taken == 2 {
                Err(FeedError::Input("refused".into()))
            } else {
                Ok(())
            }
        });
        assert!(matches!(stopped, Err(FeedError::Input(m)) if m == "refused"));
        assert_eq!(taken, 2);
        // A file that changed between the passes is said to have changed.
        let changed = releases(&b"{\"releases\": 7}"[..], "f", &survey.shape, &mut |_| {
            Ok(())
        });
        assert!(matches!(changed, Err(FeedError::Input(m)) if m.contains("changed")));
    }
}
