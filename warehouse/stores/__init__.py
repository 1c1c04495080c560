"""The small stores beside the warehouse that are edited, never rebuilt: the care plans
(`careplans`), the accounts file (`accounts`), the audit log (`audit_log`), the SQLite helper
they share (`sqlite_wal`) with their schema versions and migrations (`schema`), and their
backup, restore and status (`backup`, `restore`, `status`; docs/operations.md); the refresh's
lock (`run_lock`) and last outcome (`refresh_state`). They know files and rows, not who may
do what: access control (`warehouse.access`) sits above them."""
