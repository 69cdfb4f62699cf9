//! The checklist: what was last seen of each setting, kept in the browser's local storage
//! (`stored`: recovery, merging reports, the badge count), and the popup's model of it (`view`:
//! groups, rows, cards, likely reasons), which needs the calendar day of a time (`dates`).

mod dates;
mod stored;
mod view;

pub use dates::{date_of, has_date};
pub use stored::{Notice, Refusal, Report, Seen, SeenState, Stored, Verified, FORMAT_VERSION};
pub use view::{checklist, likely_reasons, CardView, EmailView, Group, Item, ItemState};
