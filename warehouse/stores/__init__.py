"""The small stores beside the warehouse that are edited, never rebuilt: the care plans
(`careplans`), the accounts file (`accounts`), the audit log (`audit_log`) and the SQLite
helper they share (`sqlite_wal`); the refresh's lock (`run_lock`) and last outcome
(`refresh_state`). They know files and rows, not who may do what: access
control (`warehouse.access`) sits above them."""
