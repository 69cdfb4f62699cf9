//! The checklist: what was last seen of each setting, kept in the browser's local storage
//! (`stored`: recovery, merging reports, the badge count), and the popup's model of it (`view`:
//! groups, rows, cards, likely reasons), which needs the calendar day of a time (`dates`); the
//! history of every state read (`history`: receipts, their bound, the exports) and what the badge
//! shows beyond the count (`reminders`: settings turned back on, re-checks due).

mod dates;
mod history;
mod reminders;
mod stored;
mod view;

pub use dates::{date_of, has_date, iso_of};
pub use history::{History, Prior, Receipt, ReceiptView, HISTORY_VERSION, MAX_RECEIPTS};
pub use reminders::{badge, due_platforms, Badge, Due, Preferences, TurnedBackOnSetting, DAY_MS};
pub use stored::{Notice, Refusal, Report, Seen, SeenState, Stored, TurnedBackOn, Verified, FORMAT_VERSION};
pub use view::{checklist, likely_reasons, CardView, EmailView, Group, Item, ItemState};
