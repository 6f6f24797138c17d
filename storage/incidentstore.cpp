// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "incidentstore.h"

#include "transactionguard.h"

#include "incidentcorrelator.h"
#include "merklelog.h"
#include "openrisk.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

using Core::IncidentId;
using Core::IncidentStatus;
using Core::TimestampMs;

namespace {

const QString kColumns
    = u"id, title, severity, severity_auto, severity_override, category, status, owner, tags, rule,"
      " entity, first_seen, last_seen, alert_count, risk_sum, risk_ref, deadline, created, updated,"
      " pending_status, pending_by, pending_reason, merged_into, version, risk_rank"_s;

IncidentRow rowFrom(const QSqlQuery &q, const Core::IncidentPolicy &policy, TimestampMs now)
{
    IncidentRow r;
    r.id = IncidentId { q.value(0).toLongLong() };
    r.title = q.value(1).toString();
    r.severity = Core::severityFromInt(q.value(2).toInt());
    r.autoSeverity = Core::severityFromInt(q.value(3).toInt());
    if (!q.value(4).isNull()) {
        r.severityOverride = Core::severityFromInt(q.value(4).toInt());
    }
    r.category = Core::categoryFromName(q.value(5).toString()).value_or(Core::Category::Other);
    r.status = Core::incidentStatusFromName(q.value(6).toString()).value_or(IncidentStatus::New);
    r.owner = q.value(7).toString();
    r.tags = q.value(8).toString().split(u',', Qt::SkipEmptyParts);
    r.rule = q.value(9).toString();
    r.entity = q.value(10).toString();
    r.firstSeen = q.value(11).toLongLong();
    r.lastSeen = q.value(12).toLongLong();
    r.alerts = q.value(13).toLongLong();
    r.riskAt = now;
    if (r.isOpen()) {
        r.riskSum = policy.risk.decay(q.value(14).toDouble(), q.value(15).toLongLong(), now);
        r.risk = policy.risk.incidentScore(r.riskSum);
    }
    r.deadline = q.value(16).toLongLong();
    r.created = q.value(17).toLongLong();
    r.updated = q.value(18).toLongLong();
    if (!q.value(19).isNull()) {
        r.pendingStatus = Core::incidentStatusFromName(q.value(19).toString());
        r.pendingBy = q.value(20).toString();
        r.pendingReason = q.value(21).toString();
    }
    if (!q.value(22).isNull()) {
        r.mergedInto = IncidentId { q.value(22).toLongLong() };
    }
    r.version = q.value(23).toLongLong();
    r.riskRank = q.value(24).toDouble();
    return r;
}

struct Where
{
    QStringList clauses;
    QVariantList values;
    QString sql() const
    {
        return clauses.isEmpty() ? QString() : u" WHERE "_s + clauses.join(u" AND "_s);
    }
};

Where whereFor(const IncidentFilter &f)
{
    Where w;
    if (!f.includeMerged) {
        w.clauses << u"merged_into IS NULL"_s;
    }
    if (!f.statuses.isEmpty()) {
        QStringList marks;
        for (const IncidentStatus s : f.statuses) {
            marks << u"?"_s;
            w.values << Core::incidentStatusName(s);
        }
        w.clauses << u"status IN (%1)"_s.arg(marks.join(u", "_s));
    }
    if (f.openOnly) {
        w.clauses << u"status NOT IN ('resolved', 'false_positive')"_s;
    }
    if (f.minSeverity && *f.minSeverity != Core::Severity::Info) {
        w.clauses << u"severity >= ?"_s;
        w.values << int(*f.minSeverity);
    }
    if (!f.owner.isEmpty()) {
        w.clauses << u"owner = ?"_s;
        w.values << f.owner;
    }
    for (QString like : incidentSearchWords(f.search)) {
        like.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        like = u'%' + like + u'%';
        // lower() on both sides: PostgreSQL's LIKE tells case apart, SQLite's folds ASCII only
        // (and its lower() too, so SQLite matches as before).
        w.clauses << u"(lower(title) LIKE lower(CAST(? AS TEXT)) ESCAPE '\\'"
                     " OR lower(entity) LIKE lower(CAST(? AS TEXT)) ESCAPE '\\')"_s;
        w.values << like << like;
    }
    return w;
}

// Closed incidents carry no risk and no deadline: the Risk and Deadline orders put them after
// every open one. The spelling is the one of the index incidents_open_risk (schema v11).
const QString kClosed = u"(status IN ('resolved', 'false_positive'))"_s;

// The columns a list's order compares, after the closed flag when there is one.
enum class KeyColumn { RiskRank, LastSeen, Severity, Deadline, Id };

QString columnName(KeyColumn c)
{
    switch (c) {
    case KeyColumn::RiskRank:
        return u"risk_rank"_s;
    case KeyColumn::LastSeen:
        return u"last_seen"_s;
    case KeyColumn::Severity:
        return u"severity"_s;
    case KeyColumn::Deadline:
        return u"deadline"_s;
    case KeyColumn::Id:
        break;
    }
    return u"id"_s;
}

// A row's value in that column, as the row was read: where a keyset page starts.
QVariant keyValue(const IncidentRow &r, KeyColumn c)
{
    switch (c) {
    case KeyColumn::RiskRank:
        return r.riskRank;
    case KeyColumn::LastSeen:
        return r.lastSeen;
    case KeyColumn::Severity:
        return int(r.severity);
    case KeyColumn::Deadline:
        return r.deadline;
    case KeyColumn::Id:
        break;
    }
    return r.id.value;
}

// A list's order: optionally open before closed, then columns that all run one way and end with
// the unique id, so that a row's key names one place in the order (keyset pagination).
struct ListOrder
{
    bool closedLast = false;
    bool descending = true;
    QList<KeyColumn> columns;
};

ListOrder listOrder(IncidentSort sort)
{
    using K = KeyColumn;
    switch (sort) {
    case IncidentSort::RiskDesc:
        return { true, true, { K::RiskRank, K::Id } };
    case IncidentSort::LastSeenDesc:
        return { false, true, { K::LastSeen, K::Id } };
    case IncidentSort::SeverityDesc:
        return { false, true, { K::Severity, K::RiskRank, K::Id } };
    case IncidentSort::DeadlineAsc:
        return { true, false, { K::Deadline, K::Id } };
    case IncidentSort::IdDesc:
        break;
    }
    return { false, true, { K::Id } };
}

// `withClosed` false: a statement that reads one side of the closed flag leaves it out (SQLite
// 3.40 would sort the rows again, though the flag is constant there).
QString orderSql(const ListOrder &o, bool reversed, bool withClosed = true)
{
    QStringList parts;
    if (o.closedLast && withClosed) {
        parts << kClosed + (reversed ? u" DESC"_s : u" ASC"_s);
    }
    const bool descending = o.descending != reversed;
    for (const KeyColumn c : o.columns) {
        parts << columnName(c) + (descending ? u" DESC"_s : u" ASC"_s);
    }
    return parts.join(u", "_s);
}

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    for (const qint64 id : ids) {
        parts << u"#"_s + QString::number(id);
    }
    return parts.join(u", "_s);
}

QString statusText(const IncidentRow &r)
{
    QString s = Core::incidentStatusName(r.status);
    if (r.pendingStatus) {
        s += u" (pending "_s + Core::incidentStatusName(*r.pendingStatus) + u')';
    }
    return s;
}

// A refusal: the store is unchanged and the message says why.
Result<IncidentChange> refuse(const QString &message)
{
    IncidentChange c;
    c.refused = true;
    c.message = message;
    return c;
}

} // namespace

const QString &auditColumns()
{
    static const QString columns
        = u"id, incident, ts, actor, action, old_value, new_value, reason"_s;
    return columns;
}

AuditEntry auditEntryFrom(const QSqlQuery &q)
{
    AuditEntry e;
    e.id = q.value(0).toLongLong();
    if (!q.value(1).isNull()) {
        e.incident = IncidentId { q.value(1).toLongLong() };
    }
    e.ts = q.value(2).toLongLong();
    e.actor = q.value(3).toString();
    e.action = q.value(4).toString();
    e.oldValue = q.value(5).toString();
    e.newValue = q.value(6).toString();
    e.reason = q.value(7).toString();
    return e;
}

IncidentStore::IncidentStore(QSqlDatabase db, MerkleLog *log, const Core::IncidentPolicy *policy)
    : m_db(db) // QSqlDatabase has no move constructor in Qt 6.4
    , m_log(log)
    , m_policy(policy)
{ }

namespace {

// One statement of a page of list(): the filter, where the page starts, the order or its reverse.
struct PageStatement
{
    QString sql;
    QVariantList values;
};

// `from`: rows strictly after that row in the order read (the list's order, or its reverse when
// `reversed`). `closed`: only open (false) or only closed (true) incidents; a keyset start in a
// list ordered by the closed flag is read as two statements, one per side, so that each is a
// range of the index.
PageStatement pageStatement(const IncidentFilter &filter, const ListOrder &order, bool reversed,
    const IncidentRow *from, std::optional<bool> closed, qint64 limit, qint64 offset)
{
    Where w = whereFor(filter);
    if (closed) {
        w.clauses << kClosed + (*closed ? u" = TRUE"_s : u" = FALSE"_s);
        if (!from) {
            // A side read from its start: its first key column's whole range, which every row
            // is in. Without it, SQLite without statistics may take another index that starts
            // with the closed flag (the deadline's for the risk order) and sort.
            const KeyColumn first = order.columns.constFirst();
            w.clauses << columnName(first) + u" BETWEEN ? AND ?"_s;
            if (first == KeyColumn::RiskRank) {
                w.values << std::numeric_limits<double>::lowest()
                         << std::numeric_limits<double>::max();
            } else {
                w.values << std::numeric_limits<qint64>::min()
                         << std::numeric_limits<qint64>::max();
            }
        }
    }
    if (from) {
        QStringList columns;
        QStringList marks;
        for (const KeyColumn c : order.columns) {
            columns << columnName(c);
            marks << u"?"_s;
            w.values << keyValue(*from, c);
        }
        // Every key column runs one way: one row-value comparison, a range of the index.
        const bool descending = order.descending != reversed;
        w.clauses << u"(%1) %2 (%3)"_s.arg(
            columns.join(u", "_s), descending ? u"<"_s : u">"_s, marks.join(u", "_s));
    }
    PageStatement st;
    st.sql = u"SELECT "_s + kColumns + u" FROM incidents"_s + w.sql() + u" ORDER BY "_s
        + orderSql(order, reversed, !closed) + u" LIMIT ? OFFSET ?"_s;
    st.values = w.values;
    // No limit: the largest one, as PostgreSQL refuses SQLite's -1 and SQLite a NULL.
    st.values << (limit >= 0 ? limit : std::numeric_limits<qint64>::max())
              << std::max<qint64>(0, offset);
    return st;
}

// How list() reads a page: the statements in turn (a later one only for the rows still missing),
// and whether the rows come in reverse and are turned round.
struct PagePlan
{
    QList<PageStatement> statements; // none: a page past the list's end
    bool reversed = false;
};

PagePlan pagePlan(
    const IncidentFilter &filter, IncidentSort sort, const IncidentPageAt &at, int limit)
{
    const ListOrder order = listOrder(sort);
    const qint64 n = limit > 0 ? limit : -1;
    PagePlan plan;
    const IncidentRow *from = at.after ? &*at.after : (at.before ? &*at.before : nullptr);
    if (from) {
        plan.reversed = !at.after;
        if (!order.closedLast) {
            plan.statements << pageStatement(filter, order, plan.reversed, from, {}, n, 0);
            return plan;
        }
        // Forward from an open row, the closed ones follow; backward from a closed row, the
        // open ones come next.
        const bool closed = Core::isClosed(from->status);
        plan.statements << pageStatement(filter, order, plan.reversed, from, closed, n, 0);
        if (closed == plan.reversed) {
            plan.statements << pageStatement(filter, order, plan.reversed, nullptr, !closed, n, 0);
        }
        return plan;
    }
    const qint64 offset = std::max<qint64>(0, at.offset);
    if (n > 0 && at.total >= 0 && offset > at.total / 2) {
        // Deep in the list: OFFSET from the end walks fewer rows. The last page may be short.
        if (offset >= at.total) {
            return plan;
        }
        const qint64 end = std::min(at.total, offset + n);
        plan.reversed = true;
        plan.statements << pageStatement(
            filter, order, true, nullptr, {}, end - offset, at.total - end);
        return plan;
    }
    plan.statements << pageStatement(filter, order, false, nullptr, {}, n, offset);
    return plan;
}

bool prepareStatement(QSqlQuery &q, const PageStatement &st, bool explain)
{
    q.setForwardOnly(true);
    if (!q.prepare((explain ? u"EXPLAIN QUERY PLAN "_s : QString()) + st.sql)) {
        return false;
    }
    for (const QVariant &v : st.values) {
        q.addBindValue(v);
    }
    return true;
}

} // namespace

QStringList incidentSearchWords(const QString &search)
{
    static const QRegularExpression space(u"\\s+"_s);
    return search.split(space, Qt::SkipEmptyParts);
}

bool matchesIncidentSearch(const IncidentRow &row, const QStringList &words)
{
    return std::all_of(words.cbegin(), words.cend(), [&row](const QString &w) {
        return row.title.contains(w, Qt::CaseInsensitive)
            || row.entity.contains(w, Qt::CaseInsensitive);
    });
}

Result<QStringList> IncidentStore::explainList(
    const IncidentFilter &filter, IncidentSort sort, const IncidentPageAt &at)
{
    QStringList plan;
    for (const PageStatement &st : pagePlan(filter, sort, at, 100).statements) {
        QSqlQuery q(m_db);
        if (!prepareStatement(q, st, true) || !q.exec()) {
            return Result<QStringList>::failure(q.lastError().text());
        }
        while (q.next()) {
            plan << q.value(3).toString();
        }
    }
    return plan;
}

Result<QList<IncidentRow>> IncidentStore::list(const IncidentFilter &filter, IncidentSort sort,
    const IncidentPageAt &at, int limit, TimestampMs now)
{
    const PagePlan plan = pagePlan(filter, sort, at, limit);
    QList<IncidentRow> out;
    for (const PageStatement &st : plan.statements) {
        if (limit > 0 && out.size() >= limit) {
            break;
        }
        PageStatement rest = st;
        if (limit > 0 && !out.isEmpty()) { // the rows the statements before did not give
            rest.values[rest.values.size() - 2] = limit - out.size();
        }
        QSqlQuery q(m_db);
        if (!prepareStatement(q, rest, false) || !q.exec()) {
            return Result<QList<IncidentRow>>::failure(q.lastError().text());
        }
        while (q.next()) {
            out.append(rowFrom(q, *m_policy, now));
        }
    }
    if (plan.reversed) {
        std::reverse(out.begin(), out.end());
    }
    return out;
}

Result<qint64> IncidentStore::count(const IncidentFilter &filter)
{
    const Where w = whereFor(filter);
    QSqlQuery q(m_db);
    q.prepare(u"SELECT count(*) FROM incidents"_s + w.sql());
    for (const QVariant &v : w.values) {
        q.addBindValue(v);
    }
    if (!q.exec() || !q.next()) {
        return Result<qint64>::failure(q.lastError().text());
    }
    return q.value(0).toLongLong();
}

Result<std::optional<IncidentRow>> IncidentStore::row(IncidentId id, TimestampMs now)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + kColumns + u" FROM incidents WHERE id = ?"_s);
    q.addBindValue(id.value);
    if (!q.exec()) {
        return Result<std::optional<IncidentRow>>::failure(q.lastError().text());
    }
    if (!q.next()) {
        return std::optional<IncidentRow>();
    }
    return std::optional<IncidentRow>(rowFrom(q, *m_policy, now));
}

Result<IncidentDetail> IncidentStore::detail(IncidentId id, int, TimestampMs now)
{
    using R = Result<IncidentDetail>;
    const auto found = row(id, now);
    if (!found) {
        return R::failure(found.error());
    }
    if (!found.value()) {
        return R::failure(u"no incident with id %1"_s.arg(id.value));
    }
    IncidentDetail d;
    d.incident = **found;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        u"SELECT "_s + auditColumns() + u" FROM incident_audit WHERE incident = ? ORDER BY id"_s);
    q.addBindValue(id.value);
    if (!q.exec()) {
        return R::failure(q.lastError().text());
    }
    while (q.next()) {
        const AuditEntry e = auditEntryFrom(q);
        d.audit.append(e);
        if (e.action == u"note"_s) {
            d.notes.append(e);
        }
    }
    return d;
}

Result<QList<Suppression>> IncidentStore::suppressions()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT id, rule, entity, until, reason, created, actor FROM suppressions"
                " ORDER BY id"_s)) {
        return Result<QList<Suppression>>::failure(q.lastError().text());
    }
    QList<Suppression> out;
    while (q.next()) {
        out.append({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toLongLong(), q.value(4).toString(), q.value(5).toLongLong(),
            q.value(6).toString() });
    }
    return out;
}

Result<std::pair<double, QList<EntityRisk>>> IncidentStore::riskOverview(TimestampMs now, int topN)
{
    using R = Result<std::pair<double, QList<EntityRisk>>>;
    // From the running sums (schema v9): a few rows, however many incidents are open.
    const auto fast = readOpenRisk(m_db, m_policy->risk, now, topN);
    if (!fast) {
        return R::failure(fast.error());
    }
    if (fast.value()) {
        return *fast.value();
    }
    return riskOverviewByScan(m_db, m_policy->risk, now, topN);
}

Result<QList<std::pair<TimestampMs, double>>> IncidentStore::riskHistory(
    TimestampMs from, TimestampMs to)
{
    using R = Result<QList<std::pair<TimestampMs, double>>>;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT bucket, risk FROM risk_history WHERE bucket >= ? AND bucket < ?"
              " ORDER BY bucket"_s);
    q.addBindValue(from);
    q.addBindValue(to);
    if (!q.exec()) {
        return R::failure(q.lastError().text());
    }
    QList<std::pair<TimestampMs, double>> out;
    QSqlQuery before(m_db);
    before.prepare(
        u"SELECT risk FROM risk_history WHERE bucket < ? ORDER BY bucket DESC LIMIT 1"_s);
    before.addBindValue(from);
    if (before.exec() && before.next()) {
        out.append({ from, before.value(0).toDouble() });
    }
    while (q.next()) {
        out.append({ q.value(0).toLongLong(), q.value(1).toDouble() });
    }
    return out;
}

// An officer's status change moved an incident into or out of the open set: the running risk
// sums (schema v9) gain or lose its rows in the same transaction.
Status IncidentStore::openSetChanged(qint64 id, bool wasOpen, bool isOpen)
{
    if (wasOpen == isOpen) {
        return Ok {};
    }
    return applyIncidentRisk(m_db, m_policy->risk, id, isOpen ? +1 : -1);
}

// Recomputes an incident's aggregates and per-entity risk from its alerts (after merge/split).
Status IncidentStore::recompute(qint64 id, TimestampMs now)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT severity, ts, entity FROM alerts WHERE incident = ? ORDER BY ts, id"_s);
    q.addBindValue(id);
    if (!q.exec()) {
        return Status::failure(q.lastError().text());
    }
    int severity = 0;
    TimestampMs first = 0;
    TimestampMs last = 0;
    qint64 n = 0;
    double sum = 0;
    TimestampMs ref = 0;
    while (q.next()) {
        const auto sev = Core::severityFromInt(q.value(0).toInt());
        const TimestampMs ts = q.value(1).toLongLong();
        const double w = m_policy->risk.alertWeight(sev, q.value(2).toString());
        if (n == 0) {
            first = ts;
            ref = ts;
        }
        severity = std::max(severity, int(sev));
        last = std::max(last, ts);
        sum = m_policy->risk.accumulate(sum, &ref, w, ts);
        ++n;
    }
    q.finish();
    QSqlQuery u(m_db);
    u.prepare(u"UPDATE incidents SET severity_auto = ?,"
              " severity = coalesce(severity_override, ?), first_seen = ?, last_seen = ?,"
              " alert_count = ?, risk_sum = ?, risk_ref = ?, risk_rank = ?, updated = ?"
              " WHERE id = ?"_s);
    u.addBindValue(severity);
    u.addBindValue(severity);
    u.addBindValue(n > 0 ? first : now);
    u.addBindValue(n > 0 ? last : now);
    u.addBindValue(n);
    u.addBindValue(sum);
    u.addBindValue(ref);
    u.addBindValue(m_policy->risk.rank(sum, ref));
    u.addBindValue(now);
    u.addBindValue(id);
    if (!u.exec()) {
        return Status::failure(u.lastError().text());
    }
    return recomputeIncidentEntities(m_db, m_policy->risk, id);
}

Result<IncidentChange> IncidentStore::change(const IncidentCommand &cmd, TimestampMs now)
{
    using R = Result<IncidentChange>;
    using Kind = IncidentCommand::Kind;
    if (!m_log) {
        return R::failure(u"the store is not open for writing"_s);
    }
    if (!m_db.transaction()) {
        return R::failure(m_db.lastError().text());
    }
    TransactionGuard rollback{m_db};
    if (const Status s = m_log->begin(); !s) {
        return R::failure(s.error());
    }
    std::optional<IncidentRow> current;
    if (cmd.kind != Kind::Suppress || cmd.id.value != 0) {
        const auto found = row(cmd.id, now);
        if (!found) {
            return R::failure(found.error());
        }
        if (!found.value()) {
            IncidentChange c;
            c.refused = true;
            c.notFound = true;
            c.message = u"no incident with id %1"_s.arg(cmd.id.value);
            return c;
        }
        current = *found.value();
        if (cmd.expectedVersion && *cmd.expectedVersion != current->version) {
            IncidentChange c;
            c.refused = true;
            c.conflict = true;
            c.message = u"incident %1 was changed by someone else meanwhile (version %2, expected "
                        "%3); reload it and try again"_s.arg(cmd.id.value)
                            .arg(current->version)
                            .arg(*cmd.expectedVersion);
            return c;
        }
        if (current->mergedInto && cmd.kind != Kind::Note) {
            return refuse(
                u"incident %1 was merged into incident %2; change that one"_s.arg(cmd.id.value)
                    .arg(current->mergedInto->value));
        }
    }
    AuditEntry audit;
    if (current) {
        audit.incident = current->id;
    }
    audit.ts = now;
    audit.actor = cmd.actor.isEmpty() ? Core::currentIdentity() : cmd.actor;
    audit.reason = cmd.reason;
    IncidentChange result;
    QSqlQuery q(m_db);
    auto exec = [&q]() { return q.exec(); };

    switch (cmd.kind) {
    case Kind::Transition: {
        const IncidentRow &r = *current;
        const auto next = Core::applyTransition(r.status, cmd.transition);
        if (!next) {
            return refuse(u"cannot %1 incident %2: it is %3"_s
                              .arg(Core::incidentTransitionName(cmd.transition))
                              .arg(cmd.id.value)
                              .arg(Core::incidentStatusName(r.status)));
        }
        if (Core::isClosed(*next) && r.pendingStatus) {
            return refuse(u"incident %1 already waits for approval of \"%2\" requested by %3"_s
                              .arg(cmd.id.value)
                              .arg(Core::incidentStatusName(*r.pendingStatus), r.pendingBy));
        }
        audit.action = u"status"_s;
        audit.oldValue = statusText(r);
        if (Core::isClosed(*next) && m_policy->needsApproval(r.severity)) {
            // Maker-checker: the close waits for a second, different identity.
            q.prepare(u"UPDATE incidents SET pending_status = ?, pending_by = ?,"
                      " pending_reason = ?, updated = ? WHERE id = ?"_s);
            q.addBindValue(Core::incidentStatusName(*next));
            q.addBindValue(audit.actor);
            q.addBindValue(cmd.reason);
            q.addBindValue(now);
            q.addBindValue(cmd.id.value);
            audit.newValue = Core::incidentStatusName(r.status) + u" (pending "_s
                + Core::incidentStatusName(*next) + u')';
            result.pendingApproval = true;
        } else {
            // Any other move withdraws a pending close.
            q.prepare(u"UPDATE incidents SET status = ?, pending_status = NULL,"
                      " pending_by = NULL, pending_reason = NULL, updated = ? WHERE id = ?"_s);
            q.addBindValue(Core::incidentStatusName(*next));
            q.addBindValue(now);
            q.addBindValue(cmd.id.value);
            audit.newValue = Core::incidentStatusName(*next);
        }
        if (!exec()) {
            return R::failure(q.lastError().text());
        }
        if (!result.pendingApproval) {
            if (const Status st = openSetChanged(cmd.id.value, r.isOpen(), !Core::isClosed(*next));
                !st) {
                return R::failure(st.error());
            }
        }
        break;
    }
    case Kind::Approve: {
        const IncidentRow &r = *current;
        if (!r.pendingStatus) {
            return refuse(u"incident %1 has no close waiting for approval"_s.arg(cmd.id.value));
        }
        if (r.pendingBy == audit.actor) {
            return refuse(u"%1 asked to close incident %2 and cannot approve it: a different "
                          "identity must approve (maker-checker)"_s.arg(audit.actor)
                              .arg(cmd.id.value));
        }
        q.prepare(u"UPDATE incidents SET status = pending_status, pending_status = NULL,"
                  " pending_by = NULL, pending_reason = NULL, updated = ? WHERE id = ?"_s);
        q.addBindValue(now);
        q.addBindValue(cmd.id.value);
        if (!exec()) {
            return R::failure(q.lastError().text());
        }
        if (const Status st
            = openSetChanged(cmd.id.value, r.isOpen(), !Core::isClosed(*r.pendingStatus));
            !st) {
            return R::failure(st.error());
        }
        audit.action = u"approve"_s;
        audit.oldValue = statusText(r);
        audit.newValue = Core::incidentStatusName(*r.pendingStatus);
        if (audit.reason.isEmpty()) {
            audit.reason = u"requested by %1: %2"_s.arg(r.pendingBy, r.pendingReason);
        }
        break;
    }
    case Kind::Assign: {
        const QString owner = cmd.text.trimmed();
        if (owner == current->owner) {
            return refuse(owner.isEmpty()
                    ? u"incident %1 has no owner"_s.arg(cmd.id.value)
                    : u"incident %1 is already assigned to %2"_s.arg(cmd.id.value).arg(owner));
        }
        q.prepare(u"UPDATE incidents SET owner = ?, updated = ? WHERE id = ?"_s);
        q.addBindValue(owner);
        q.addBindValue(now);
        q.addBindValue(cmd.id.value);
        if (!exec()) {
            return R::failure(q.lastError().text());
        }
        audit.action = u"assign"_s;
        audit.oldValue = current->owner;
        audit.newValue = owner;
        break;
    }
    case Kind::Note: {
        if (cmd.text.trimmed().isEmpty()) {
            return refuse(u"a note needs text"_s);
        }
        q.prepare(u"UPDATE incidents SET updated = ? WHERE id = ?"_s);
        q.addBindValue(now);
        q.addBindValue(cmd.id.value);
        if (!exec()) {
            return R::failure(q.lastError().text());
        }
        audit.action = u"note"_s;
        audit.newValue = cmd.text;
        break;
    }
    case Kind::Severity: {
        if (cmd.reason.trimmed().isEmpty()) {
            return refuse(u"changing an incident's severity needs a reason"_s);
        }
        const Core::Severity effective = cmd.severity.value_or(current->autoSeverity);
        if (cmd.severity == current->severityOverride) {
            return refuse(u"incident %1 already has that severity"_s.arg(cmd.id.value));
        }
        q.prepare(u"UPDATE incidents SET severity_override = ?, severity = ?, updated = ?"
                  " WHERE id = ?"_s);
        q.addBindValue(
            cmd.severity ? QVariant(int(*cmd.severity)) : QVariant(QMetaType::fromType<int>()));
        q.addBindValue(int(effective));
        q.addBindValue(now);
        q.addBindValue(cmd.id.value);
        if (!exec()) {
            return R::failure(q.lastError().text());
        }
        audit.action = u"severity"_s;
        audit.oldValue = Core::severityName(current->severity)
            + (current->severityOverride ? u" (override)"_s : QString());
        audit.newValue
            = Core::severityName(effective) + (cmd.severity ? u" (override)"_s : QString());
        break;
    }
    case Kind::Tags: {
        QStringList tags;
        for (const QString &t : cmd.text.split(u',', Qt::SkipEmptyParts)) {
            const QString clean = t.trimmed();
            if (!clean.isEmpty() && !tags.contains(clean)) {
                tags << clean;
            }
        }
        if (tags == current->tags) {
            return refuse(u"incident %1 already has these tags"_s.arg(cmd.id.value));
        }
        q.prepare(u"UPDATE incidents SET tags = ?, updated = ? WHERE id = ?"_s);
        q.addBindValue(tags.join(u','));
        q.addBindValue(now);
        q.addBindValue(cmd.id.value);
        if (!exec()) {
            return R::failure(q.lastError().text());
        }
        audit.action = u"tag"_s;
        audit.oldValue = current->tags.join(u',');
        audit.newValue = tags.join(u',');
        break;
    }
    case Kind::Merge: {
        QList<qint64> others;
        for (const IncidentId other : cmd.others) {
            if (other == cmd.id || others.contains(other.value)) {
                return refuse(u"cannot merge incident %1 into itself"_s.arg(other.value));
            }
            const auto found = row(other, now);
            if (!found) {
                return R::failure(found.error());
            }
            if (!found.value()) {
                IncidentChange c;
                c.refused = true;
                c.notFound = true;
                c.message = u"no incident with id %1"_s.arg(other.value);
                return c;
            }
            if (found.value()->mergedInto) {
                return refuse(u"incident %1 was already merged into incident %2"_s.arg(other.value)
                                  .arg(found.value()->mergedInto->value));
            }
            others << other.value;
        }
        if (others.isEmpty()) {
            return refuse(u"name the incidents to merge into incident %1"_s.arg(cmd.id.value));
        }
        // The running risk sums lose every open incident taken part, and gain the target's
        // recomputed rows after (docs/risk-model.md).
        const bool targetOpen = current->isOpen() && !current->mergedInto;
        QList<qint64> involved = others;
        involved << cmd.id.value;
        for (const qint64 id : std::as_const(involved)) {
            const auto found = row(IncidentId { id }, now);
            if (!found || !found.value()) {
                return R::failure(found ? u"incident %1 vanished"_s.arg(id) : found.error());
            }
            if (found.value()->isOpen() && !found.value()->mergedInto) {
                if (const Status st = applyIncidentRisk(m_db, m_policy->risk, id, -1); !st) {
                    return R::failure(st.error());
                }
            }
        }
        for (const qint64 other : std::as_const(others)) {
            for (const QString &sql : { u"UPDATE alerts SET incident = ? WHERE incident = ?"_s,
                     u"UPDATE incident_keys SET incident = ? WHERE incident = ?"_s }) {
                q.prepare(sql);
                q.addBindValue(cmd.id.value);
                q.addBindValue(other);
                if (!exec()) {
                    return R::failure(q.lastError().text());
                }
            }
            q.prepare(u"UPDATE incidents SET merged_into = ?, status = 'resolved',"
                      " pending_status = NULL, pending_by = NULL, pending_reason = NULL,"
                      " updated = ? WHERE id = ?"_s);
            q.addBindValue(cmd.id.value);
            q.addBindValue(now);
            q.addBindValue(other);
            if (!exec()) {
                return R::failure(q.lastError().text());
            }
            if (const Status s = recompute(other, now); !s) {
                return R::failure(s.error());
            }
        }
        if (const Status s = recompute(cmd.id.value, now); !s) {
            return R::failure(s.error());
        }
        if (targetOpen) {
            if (const Status st = applyIncidentRisk(m_db, m_policy->risk, cmd.id.value, +1); !st) {
                return R::failure(st.error());
            }
        }
        audit.action = u"merge"_s;
        audit.oldValue = idList(others);
        audit.newValue = idList({ cmd.id.value });
        break;
    }
    case Kind::Split: {
        if (cmd.alerts.isEmpty()) {
            return refuse(u"name the alerts to split off incident %1"_s.arg(cmd.id.value));
        }
        QList<qint64> ids;
        for (const Core::AlertId a : cmd.alerts) {
            q.prepare(u"SELECT incident FROM alerts WHERE id = ?"_s);
            q.addBindValue(a.value);
            if (!exec()) {
                return R::failure(q.lastError().text());
            }
            if (!q.next() || q.value(0).toLongLong() != cmd.id.value) {
                return refuse(
                    u"alert %1 is not part of incident %2"_s.arg(a.value).arg(cmd.id.value));
            }
            if (!ids.contains(a.value)) {
                ids << a.value;
            }
        }
        if (ids.size() >= current->alerts) {
            return refuse(
                u"splitting every alert off would leave incident %1 empty"_s.arg(cmd.id.value));
        }
        const bool wasOpen = current->isOpen() && !current->mergedInto;
        if (wasOpen) {
            if (const Status st = applyIncidentRisk(m_db, m_policy->risk, cmd.id.value, -1); !st) {
                return R::failure(st.error());
            }
        }
        q.prepare(u"SELECT title, category, entity, severity, ts FROM alerts WHERE id = ?"_s);
        q.addBindValue(ids.first());
        if (!exec() || !q.next()) {
            return R::failure(q.lastError().text());
        }
        const QString title = q.value(0).toString();
        const auto category
            = Core::categoryFromName(q.value(1).toString()).value_or(Core::Category::Other);
        const QString entity = q.value(2).toString();
        const int severity = q.value(3).toInt();
        const TimestampMs ts = q.value(4).toLongLong();
        q.finish();
        if (!q.exec(u"SELECT coalesce(max(id), 0) + 1 FROM incidents"_s) || !q.next()) {
            return R::failure(q.lastError().text());
        }
        const qint64 newId = q.value(0).toLongLong();
        q.prepare(u"INSERT INTO incidents (id, title, severity, severity_auto, category, status,"
                  " rule, entity, first_seen, last_seen, deadline, created, updated)"
                  " VALUES (?, ?, ?, ?, ?, 'new', 'split', ?, ?, ?, ?, ?, ?)"_s);
        q.addBindValue(newId);
        q.addBindValue(u"Split from #%1: %2"_s.arg(cmd.id.value).arg(title).left(300));
        q.addBindValue(severity);
        q.addBindValue(severity);
        q.addBindValue(Core::categoryName(category));
        q.addBindValue(entity);
        q.addBindValue(ts);
        q.addBindValue(ts);
        q.addBindValue(ts + m_policy->deadlineMs(category));
        q.addBindValue(now);
        q.addBindValue(now);
        if (!exec()) {
            return R::failure(q.lastError().text());
        }
        for (const qint64 a : std::as_const(ids)) {
            q.prepare(u"UPDATE alerts SET incident = ? WHERE id = ?"_s);
            q.addBindValue(newId);
            q.addBindValue(a);
            if (!exec()) {
                return R::failure(q.lastError().text());
            }
        }
        if (const Status s = recompute(cmd.id.value, now); !s) {
            return R::failure(s.error());
        }
        if (const Status s = recompute(newId, now); !s) {
            return R::failure(s.error());
        }
        // The split-off incident is new (open); the original keeps its status.
        for (const qint64 id : { cmd.id.value, newId }) {
            if (id == cmd.id.value && !wasOpen) {
                continue;
            }
            if (const Status st = applyIncidentRisk(m_db, m_policy->risk, id, +1); !st) {
                return R::failure(st.error());
            }
        }
        QStringList alertIds;
        for (const qint64 a : std::as_const(ids)) {
            alertIds << QString::number(a);
        }
        audit.action = u"split"_s;
        audit.oldValue = idList({ cmd.id.value });
        audit.newValue = u"#%1 (alerts %2)"_s.arg(newId).arg(alertIds.join(u", "_s));
        result.created = IncidentId { newId };
        break;
    }
    case Kind::Suppress: {
        QString rule = cmd.rule;
        QString entity = cmd.entity;
        if ((rule.isEmpty() || entity.isEmpty()) && current) {
            q.prepare(u"SELECT rule, entity FROM alerts WHERE incident = ?"
                      " ORDER BY ts DESC, id DESC LIMIT 1"_s);
            q.addBindValue(cmd.id.value);
            if (!exec()) {
                return R::failure(q.lastError().text());
            }
            if (q.next()) {
                rule = rule.isEmpty() ? q.value(0).toString() : rule;
                entity = entity.isEmpty() ? q.value(1).toString() : entity;
            }
            q.finish();
        }
        if (rule.isEmpty() || entity.isEmpty()) {
            return refuse(u"a suppression needs a rule and an entity"_s);
        }
        if (cmd.until <= now) {
            return refuse(u"a suppression must end in the future"_s);
        }
        if (cmd.reason.trimmed().isEmpty()) {
            return refuse(u"a suppression needs a reason"_s);
        }
        q.prepare(u"INSERT INTO suppressions (rule, entity, until, reason, created, actor)"
                  " VALUES (?, ?, ?, ?, ?, ?)"_s);
        q.addBindValue(rule);
        q.addBindValue(entity);
        q.addBindValue(cmd.until);
        q.addBindValue(cmd.reason);
        q.addBindValue(now);
        q.addBindValue(audit.actor);
        if (!exec()) {
            return R::failure(q.lastError().text());
        }
        audit.action = u"suppress"_s;
        audit.newValue = u"rule %1 × entity %2 until %3 (suppression %4)"_s.arg(
            rule, entity, Core::formatIsoTimestamp(cmd.until), q.lastInsertId().toString());
        break;
    }
    }
    q.finish();
    if (current) {
        q.prepare(u"UPDATE incidents SET version = version + 1 WHERE id = ? RETURNING version"_s);
        q.addBindValue(current->id.value);
        if (!q.exec() || !q.next()) {
            return R::failure(q.lastError().text());
        }
        result.version = q.value(0).toLongLong();
        q.finish();
    }
    const auto auditId = appendAudit(m_db, *m_log, audit);
    if (!auditId) {
        return R::failure(auditId.error());
    }
    result.auditId = auditId.value();
    if (const Status s = recordGlobalRisk(m_db, *m_policy, now); !s) {
        return R::failure(s.error());
    }
    if (const Status s = m_log->finish(false); !s) {
        return R::failure(s.error());
    }
    if (!m_db.commit()) {
        return R::failure(m_db.lastError().text());
    }
    rollback.armed = false;
    result.message = audit.action + u": "_s + audit.oldValue + u" → "_s + audit.newValue;
    return result;
}

Result<IncidentPolicyDocument> incidentPolicyDocument(const QString &storeLocation)
{
    using R = Result<IncidentPolicyDocument>;
    using Origin = IncidentPolicyDocument::Origin;
    IncidentPolicyDocument d;
    d.path = qEnvironmentVariable("LAKEGUARD_POLICY");
    d.origin = Origin::Environment;
    if (d.path.isEmpty() && !storeLocation.contains(u"://"_s)) {
        const QString beside = storeLocation + u".policy.json"_s;
        if (QFileInfo::exists(beside)) {
            d.path = beside;
            d.origin = Origin::BesideStore;
        }
    }
    if (d.path.isEmpty()) {
        d.origin = Origin::BuiltIn;
        d.bytes = Core::IncidentPolicy::builtInJson();
        return d;
    }
    QFile f(d.path);
    if (!f.open(QIODevice::ReadOnly)) {
        return R::failure(u"incident policy %1: %2"_s.arg(d.path, f.errorString()));
    }
    d.bytes = f.readAll();
    return d;
}

Result<Core::IncidentPolicy> loadIncidentPolicy(const QString &storeLocation)
{
    using R = Result<Core::IncidentPolicy>;
    const auto document = incidentPolicyDocument(storeLocation);
    if (!document) {
        return R::failure(document.error());
    }
    QString error;
    const auto policy = Core::IncidentPolicy::fromJson(document->bytes, &error);
    if (!policy) {
        return R::failure(u"incident policy %1: %2"_s.arg(
            document->path.isEmpty() ? u"built-in"_s : document->path, error));
    }
    return *policy;
}

} // namespace Lakeguard::Storage
