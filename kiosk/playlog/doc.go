// Package playlog is the kiosk's durable play log: one bbolt file,
// DATA/playlog.db, holding every finished play and class visit until the hub
// has acknowledged it (and after that, up to a cap, for kioskctl stats).
//
// Guarantees:
//   - Append never waits for the disk. Records are written by one writer
//     goroutine; each commit is fsync'd (bbolt's default) before its
//     Receipt is marked done. A Receipt that is done without error is a play
//     that survives kill -9 and power cuts.
//   - Records are keyed by an 8-byte big-endian sequence, 1, 2, 3 ... with no
//     gaps within a log epoch. Each stored value is a version byte, the JSON
//     of a record.Entry, and a CRC32C of both.
//   - The outbox is not a copy: it is the range of sequences after the last
//     sequence the hub acknowledged (kept in the meta bucket). If the hub
//     later acknowledges less (restored from an older backup), the outbox
//     moves back (ErrHubBehind); records pruned meanwhile go as KindLost and
//     are counted in Status().LostToHub, never dropped silently.
//   - Begin/Checkpoint keep the play in progress; a checkpoint left over at
//     Open (crash, power cut) is logged as a play that ended "crashed".
//   - At the cap (Options.MaxRecords, default 1,000,000) the oldest records
//     the hub has already acknowledged are pruned; unacknowledged records are
//     never pruned. Status warns when the backlog passes WarnFraction of the
//     cap, and says so again if it passes the cap itself.
//   - A database that cannot be opened or read at Open is moved to
//     DATA/quarantine/<time>.db and a fresh log with a new epoch starts; the
//     event is in Status().LastQuarantine and DATA/quarantine/events.log.
//   - When the disk is full (ENOSPC or Options.MaxSize) records wait in a
//     bounded memory queue (Options.QueueLimit), Status says DiskFull, and
//     the writer retries every Options.RetryEvery and whenever the hub
//     acknowledges records (synced records are then pruned to make room).
//     Only when that queue is full does Append refuse a play, with
//     ErrQueueFull, counted in Status().Dropped.
//
// The package never imports Ebitengine.
package playlog
