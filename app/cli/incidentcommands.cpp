// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "incidentcommands.h"

#include "alertstore.h"
#include "clicommands.h"
#include "incident.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lakeguard::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(LakeguardCli)
};

using Storage::IncidentCommand;
using Storage::IncidentRow;

const QString kProgram = u"lakeguard-cli"_s;

class Io
{
public:
    Io(QTextStream &o, QTextStream &e, bool j, QString s)
        : out(o)
        , err(e)
        , json(j)
        , store(std::move(s))
    { }
    int fail(const QString &command, const QString &message, int code = BadUsage)
    {
        err << kProgram << ": " << command << ": " << message << Qt::endl;
        return code;
    }
    void printJson(const QJsonObject &o)
    {
        out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
    }
    QTextStream &out;
    QTextStream &err;
    bool json = false;
    QString store;
};

void addCommon(QCommandLineParser &p)
{
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addOption({ u"store"_s, Tr::tr("The store."), u"PATH"_s });
    p.addOption({ u"json"_s, Tr::tr("Machine-readable output.") });
    p.addOption({ u"help"_s, Tr::tr("Show help.") });
}

std::optional<int> parse(Io &io, QCommandLineParser &p, const QStringList &args,
    const QString &name, const QString &usage)
{
    if (!p.parse(args)) {
        return io.fail(name, p.errorText());
    }
    if (p.isSet(u"help"_s)) {
        io.out << usage;
        return Success;
    }
    io.json = io.json || p.isSet(u"json"_s);
    if (p.isSet(u"store"_s)) {
        io.store = Storage::resolveStoreLocation(p.value(u"store"_s));
    }
    return std::nullopt;
}

Storage::Result<std::unique_ptr<Storage::AlertStore>> openStore(
    const QString &location, Storage::AlertStore::Mode mode)
{
    auto created = Storage::createStore(location);
    if (!created) {
        return created;
    }
    if (const Storage::Status s = created.value()->open(mode); !s) {
        return Storage::Result<std::unique_ptr<Storage::AlertStore>>::failure(s.error());
    }
    return created;
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonObject incidentJson(const IncidentRow &r, Core::TimestampMs now)
{
    QJsonArray tags;
    for (const QString &t : r.tags) {
        tags.append(t);
    }
    return {
        { u"id"_s, r.id.value },
        { u"title"_s, r.title },
        { u"severity"_s, Core::severityName(r.severity) },
        { u"severity_override"_s,
            r.severityOverride ? QJsonValue(Core::severityName(*r.severityOverride))
                               : QJsonValue(QJsonValue::Null) },
        { u"category"_s, Core::categoryName(r.category) },
        { u"status"_s, Core::incidentStatusName(r.status) },
        { u"pending_approval"_s,
            r.pendingStatus ? QJsonValue(Core::incidentStatusName(*r.pendingStatus))
                            : QJsonValue(QJsonValue::Null) },
        { u"pending_by"_s, orNull(r.pendingBy) },
        { u"owner"_s, orNull(r.owner) },
        { u"tags"_s, tags },
        { u"rule"_s, r.rule },
        { u"entity"_s, r.entity },
        { u"alerts"_s, r.alerts },
        { u"risk"_s, std::round(r.risk * 10.0) / 10.0 },
        { u"first_seen"_s, Core::formatIsoTimestamp(r.firstSeen) },
        { u"last_seen"_s, Core::formatIsoTimestamp(r.lastSeen) },
        { u"deadline"_s, Core::formatIsoTimestamp(r.deadline) },
        { u"overdue"_s, r.overdue(now) },
        { u"merged_into"_s,
            r.mergedInto ? QJsonValue(r.mergedInto->value) : QJsonValue(QJsonValue::Null) },
    };
}

QJsonObject auditJson(const Storage::AuditEntry &e)
{
    return { { u"id"_s, e.id }, { u"ts"_s, Core::formatIsoTimestamp(e.ts) },
        { u"actor"_s, e.actor }, { u"action"_s, e.action }, { u"old"_s, e.oldValue },
        { u"new"_s, e.newValue }, { u"reason"_s, e.reason } };
}

// Plain text in one line: control characters (from untrusted alert text) become spaces.
QString oneLine(const QString &s)
{
    QString out = s;
    for (QChar &c : out) {
        if (c.category() == QChar::Other_Control) {
            c = u' ';
        }
    }
    return out;
}

std::optional<qint64> parseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

// One line (or JSON object) of `incidents`.
void printIncident(Io &io, const IncidentRow &r, Core::TimestampMs now)
{
    if (io.json) {
        io.printJson(incidentJson(r, now));
        return;
    }
    QString status = Core::incidentStatusName(r.status);
    if (r.pendingStatus) {
        status += u" (→%1?)"_s.arg(Core::incidentStatusName(*r.pendingStatus));
    }
    io.out << u"#%1  %2  %3  risk %4  %5 alerts  %6  due %7%8  %9"_s.arg(r.id.value)
                  .arg(Core::severityName(r.severity), -8)
                  .arg(status, -13)
                  .arg(r.risk, 5, 'f', 1)
                  .arg(r.alerts)
                  .arg(r.owner.isEmpty() ? u"-"_s : oneLine(r.owner))
                  .arg(Core::formatIsoTimestamp(r.deadline))
                  .arg(r.overdue(now) ? u" OVERDUE"_s : QString())
                  .arg(oneLine(r.title))
           << '\n';
}

} // namespace

QString incidentsSynopsis()
{
    return u"incidents [--status S] [--open] [--min-severity S] [--owner O] [--search TEXT] "
           "[--sort risk|last-seen|severity|deadline|id] [--limit N]"_s;
}

QString incidentSynopsis()
{
    return u"incident show ID [--alerts N] | incident ack|investigate|resolve|false-positive|"
           "reopen|approve ID [--reason TEXT] | incident assign ID OWNER|- | incident note ID TEXT "
           "| incident severity ID LEVEL|auto --reason TEXT | incident tag ID TAG[,TAG…] | "
           "incident merge ID OTHER… | incident split ID ALERT… | incident suppress ID --until T "
           "--reason TEXT [--rule R] [--entity E] | incident suppressions"_s;
}

int runIncidentsCommand(
    const QStringList &args, QTextStream &out, QTextStream &err, bool json, const QString &store)
{
    const QString name = u"incidents"_s;
    Io io(out, err, json, store);
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ u"status"_s, Tr::tr("Only this status (repeatable)."), u"S"_s });
    p.addOption({ u"open"_s, Tr::tr("Only open incidents (not resolved or false positive).") });
    p.addOption({ u"min-severity"_s, Tr::tr("Lowest severity."), u"S"_s });
    p.addOption({ u"owner"_s, Tr::tr("Only this owner."), u"O"_s });
    p.addOption(
        { u"search"_s, Tr::tr("Words, each in the title or the entity (any case)."), u"TEXT"_s });
    p.addOption({ u"sort"_s, Tr::tr("Order (default risk)."), u"ORDER"_s, u"risk"_s });
    p.addOption({ u"limit"_s, Tr::tr("At most N (default 100; 0 = all)."), u"N"_s, u"100"_s });
    if (const auto done
        = parse(io, p, args, name, Tr::tr("Usage: %1 %2\n").arg(kProgram, incidentsSynopsis()))) {
        return *done;
    }
    if (!p.positionalArguments().isEmpty()) {
        return io.fail(
            name, Tr::tr("unexpected argument \"%1\"").arg(p.positionalArguments().first()));
    }
    Storage::IncidentFilter filter;
    for (const QString &s : p.values(u"status"_s)) {
        const auto status = Core::incidentStatusFromName(s);
        if (!status) {
            return io.fail(name,
                Tr::tr("unknown status \"%1\" (%2)")
                    .arg(s, Core::allIncidentStatusNames().join(u", "_s)));
        }
        filter.statuses << *status;
    }
    filter.openOnly = p.isSet(u"open"_s);
    if (p.isSet(u"min-severity"_s)) {
        const auto s = Core::severityFromName(p.value(u"min-severity"_s));
        if (!s) {
            return io.fail(name, Tr::tr("unknown severity \"%1\"").arg(p.value(u"min-severity"_s)));
        }
        filter.minSeverity = s;
    }
    filter.owner = p.value(u"owner"_s);
    filter.search = p.value(u"search"_s);
    const QStringList sorts { u"risk"_s, u"last-seen"_s, u"severity"_s, u"deadline"_s, u"id"_s };
    const qsizetype sortIndex = sorts.indexOf(p.value(u"sort"_s));
    if (sortIndex < 0) {
        return io.fail(
            name, Tr::tr("unknown order \"%1\" (%2)").arg(p.value(u"sort"_s), sorts.join(u", "_s)));
    }
    const Storage::IncidentSort sort[] = { Storage::IncidentSort::RiskDesc,
        Storage::IncidentSort::LastSeenDesc, Storage::IncidentSort::SeverityDesc,
        Storage::IncidentSort::DeadlineAsc, Storage::IncidentSort::IdDesc };
    bool ok = false;
    const int limit = p.value(u"limit"_s).toInt(&ok);
    if (!ok || limit < 0) {
        return io.fail(name, Tr::tr("--limit: \"%1\" is not a count").arg(p.value(u"limit"_s)));
    }
    auto s = openStore(io.store, Storage::AlertStore::Mode::ReadOnly);
    if (!s) {
        return io.fail(name, s.error());
    }
    const Core::TimestampMs now = Core::nowMs();
    // Keyset pages of 1,000: memory stays flat however many incidents are listed.
    constexpr int kPage = 1000;
    Storage::IncidentPageAt at;
    for (qint64 printed = 0; limit == 0 || printed < limit;) {
        const int want = limit == 0 ? kPage : int(std::min<qint64>(kPage, limit - printed));
        const auto rows = s.value()->incidentPage(filter, sort[sortIndex], at, want, now);
        if (!rows) {
            return io.fail(name, rows.error(), ProblemFound);
        }
        for (const IncidentRow &r : *rows) {
            printIncident(io, r, now);
        }
        printed += rows->size();
        if (rows->size() < want) {
            break;
        }
        at.after = rows->constLast();
    }
    return Success;
}

int runIncidentCommand(
    const QStringList &args, QTextStream &out, QTextStream &err, bool json, const QString &store)
{
    QString name = u"incident"_s;
    Io io(out, err, json, store);
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ u"reason"_s, Tr::tr("Why (kept in the audit trail)."), u"TEXT"_s });
    p.addOption({ u"alerts"_s, Tr::tr("show: at most N alerts (default 50)."), u"N"_s, u"50"_s });
    p.addOption({ u"until"_s, Tr::tr("suppress: until T."), u"T"_s });
    p.addOption({ u"rule"_s, Tr::tr("suppress: the rule (default: the incident's newest alert's)."),
        u"R"_s });
    p.addOption({ u"entity"_s,
        Tr::tr("suppress: the entity, `*` globs (default: the newest alert's)."), u"E"_s });
    p.addPositionalArgument(u"action"_s, Tr::tr("What to do."));
    p.addPositionalArgument(u"id"_s, Tr::tr("The incident."));
    const QString usage = Tr::tr(
        "Usage: %1 %2\nChanges are made as $LAKEGUARD_IDENTITY (else the OS user) and each "
        "leaves one audit entry.\nExit status: 0 done, 1 refused (the message says why), "
        "2 bad usage or no such incident.\n")
                              .arg(kProgram, incidentSynopsis());
    if (const auto done = parse(io, p, args, name, usage)) {
        return *done;
    }
    QStringList pos = p.positionalArguments();
    if (pos.isEmpty()) {
        return io.fail(name, Tr::tr("name an action; see --help"));
    }
    const QString action = pos.takeFirst();
    name += u' ' + action;
    const QStringList transitions { u"ack"_s, u"investigate"_s, u"resolve"_s, u"false-positive"_s,
        u"reopen"_s };
    const QStringList known = transitions
        + QStringList { u"show"_s, u"approve"_s, u"assign"_s, u"note"_s, u"severity"_s, u"tag"_s,
              u"merge"_s, u"split"_s, u"suppress"_s, u"suppressions"_s };
    if (!known.contains(action)) {
        return io.fail(
            u"incident"_s, Tr::tr("unknown action \"%1\" (%2)").arg(action, known.join(u", "_s)));
    }
    if (action == u"suppressions"_s) {
        auto s = openStore(io.store, Storage::AlertStore::Mode::ReadOnly);
        if (!s) {
            return io.fail(name, s.error());
        }
        const auto list = s.value()->suppressions();
        if (!list) {
            return io.fail(name, list.error(), ProblemFound);
        }
        for (const Storage::Suppression &x : *list) {
            const QJsonObject o { { u"id"_s, x.id }, { u"rule"_s, x.rule },
                { u"entity"_s, x.entity }, { u"until"_s, Core::formatIsoTimestamp(x.until) },
                { u"reason"_s, x.reason }, { u"created"_s, Core::formatIsoTimestamp(x.created) },
                { u"actor"_s, x.actor } };
            if (io.json) {
                io.printJson(o);
            } else {
                io.out << u"%1  rule %2 × entity %3 until %4 (%5, by %6)"_s.arg(x.id).arg(
                    oneLine(x.rule), oneLine(x.entity), Core::formatIsoTimestamp(x.until),
                    oneLine(x.reason), oneLine(x.actor))
                       << '\n';
            }
        }
        return Success;
    }
    if (pos.isEmpty()) {
        return io.fail(name, Tr::tr("name the incident id"));
    }
    const auto id = parseId(pos.takeFirst());
    if (!id) {
        return io.fail(name, Tr::tr("\"%1\" is not an incident id").arg(args.value(2)));
    }
    if (action == u"show"_s) {
        if (!pos.isEmpty()) {
            return io.fail(name, Tr::tr("unexpected argument \"%1\"").arg(pos.first()));
        }
        bool ok = false;
        const int limit = p.value(u"alerts"_s).toInt(&ok);
        if (!ok || limit < 0) {
            return io.fail(
                name, Tr::tr("--alerts: \"%1\" is not a count").arg(p.value(u"alerts"_s)));
        }
        auto s = openStore(io.store, Storage::AlertStore::Mode::ReadOnly);
        if (!s) {
            return io.fail(name, s.error());
        }
        const Core::TimestampMs now = Core::nowMs();
        const auto d = s.value()->incident(Core::IncidentId { *id }, limit, now);
        if (!d) {
            return io.fail(name, d.error());
        }
        if (io.json) {
            QJsonObject o = incidentJson(d->incident, now);
            QJsonArray alerts;
            for (const Core::Alert &a : d->alerts) {
                alerts.append(a.toJson());
            }
            QJsonArray notes;
            for (const Storage::AuditEntry &e : d->notes) {
                notes.append(QJsonObject { { u"ts"_s, Core::formatIsoTimestamp(e.ts) },
                    { u"author"_s, e.actor }, { u"text"_s, e.newValue } });
            }
            QJsonArray audit;
            for (const Storage::AuditEntry &e : d->audit) {
                audit.append(auditJson(e));
            }
            o.insert(u"alerts"_s, alerts);
            o.insert(u"alert_count"_s, d->incident.alerts);
            o.insert(u"notes"_s, notes);
            o.insert(u"audit"_s, audit);
            io.printJson(o);
            return Success;
        }
        const IncidentRow &r = d->incident;
        io.out << u"#%1 %2\n"_s.arg(r.id.value).arg(oneLine(r.title));
        io.out << Tr::tr("severity %1, %2, status %3, owner %4, risk %5\n")
                      .arg(Core::severityName(r.severity), Core::categoryName(r.category),
                          Core::incidentStatusName(r.status),
                          r.owner.isEmpty() ? u"-"_s : oneLine(r.owner))
                      .arg(r.risk, 0, 'f', 1);
        io.out << Tr::tr("%1 alerts from %2 to %3; deadline %4%5\n")
                      .arg(r.alerts)
                      .arg(Core::formatIsoTimestamp(r.firstSeen),
                          Core::formatIsoTimestamp(r.lastSeen),
                          Core::formatIsoTimestamp(r.deadline),
                          r.overdue(now) ? u" (overdue)"_s : QString());
        if (r.pendingStatus) {
            io.out << Tr::tr("waiting for approval: %1, asked by %2\n")
                          .arg(Core::incidentStatusName(*r.pendingStatus), oneLine(r.pendingBy));
        }
        io.out << Tr::tr("Alerts:\n");
        for (const Core::Alert &a : d->alerts) {
            io.out << u"  %1  %2  %3  %4  %5\n"_s.arg(a.id.value)
                          .arg(Core::formatIsoTimestamp(a.ts), Core::severityName(a.severity),
                              oneLine(a.entity), oneLine(a.title));
        }
        io.out << Tr::tr("Audit:\n");
        for (const Storage::AuditEntry &e : d->audit) {
            io.out << u"  %1  %2  %3: %4 → %5%6\n"_s.arg(Core::formatIsoTimestamp(e.ts),
                oneLine(e.actor), e.action, oneLine(e.oldValue), oneLine(e.newValue),
                e.reason.isEmpty() ? QString() : u" (" + oneLine(e.reason) + u')');
        }
        return Success;
    }

    IncidentCommand cmd;
    cmd.id = Core::IncidentId { *id };
    cmd.reason = p.value(u"reason"_s);
    cmd.actor = Core::currentIdentity();
    const auto noMore = [&]() -> std::optional<int> {
        if (!pos.isEmpty()) {
            return io.fail(name, Tr::tr("unexpected argument \"%1\"").arg(pos.first()));
        }
        return std::nullopt;
    };
    if (const qsizetype t = transitions.indexOf(action); t >= 0) {
        cmd.kind = IncidentCommand::Kind::Transition;
        cmd.transition = static_cast<Core::IncidentTransition>(t);
        if (const auto bad = noMore()) {
            return *bad;
        }
    } else if (action == u"approve"_s) {
        cmd.kind = IncidentCommand::Kind::Approve;
        if (const auto bad = noMore()) {
            return *bad;
        }
    } else if (action == u"assign"_s) {
        if (pos.size() != 1) {
            return io.fail(name, Tr::tr("name one owner, or - to unassign"));
        }
        cmd.kind = IncidentCommand::Kind::Assign;
        cmd.text = pos.first() == u"-"_s ? QString() : pos.first();
    } else if (action == u"note"_s) {
        if (pos.isEmpty() || pos.join(u' ').trimmed().isEmpty()) {
            return io.fail(name, Tr::tr("a note needs text"));
        }
        cmd.kind = IncidentCommand::Kind::Note;
        cmd.text = pos.join(u' ');
    } else if (action == u"severity"_s) {
        if (pos.size() != 1) {
            return io.fail(name, Tr::tr("name one severity, or auto"));
        }
        cmd.kind = IncidentCommand::Kind::Severity;
        if (pos.first() != u"auto"_s) {
            cmd.severity = Core::severityFromName(pos.first());
            if (!cmd.severity) {
                return io.fail(name, Tr::tr("unknown severity \"%1\"").arg(pos.first()));
            }
        }
        if (cmd.reason.trimmed().isEmpty()) {
            return io.fail(name, Tr::tr("changing the severity needs --reason"));
        }
    } else if (action == u"tag"_s) {
        cmd.kind = IncidentCommand::Kind::Tags;
        cmd.text = pos.join(u',');
    } else if (action == u"merge"_s || action == u"split"_s) {
        if (pos.isEmpty()) {
            return io.fail(name,
                action == u"merge"_s ? Tr::tr("name the incidents to merge")
                                     : Tr::tr("name the alerts to split off"));
        }
        for (const QString &x : std::as_const(pos)) {
            const auto other = parseId(x);
            if (!other) {
                return io.fail(name, Tr::tr("\"%1\" is not an id").arg(x));
            }
            if (action == u"merge"_s) {
                cmd.others << Core::IncidentId { *other };
            } else {
                cmd.alerts << Core::AlertId { *other };
            }
        }
        cmd.kind
            = action == u"merge"_s ? IncidentCommand::Kind::Merge : IncidentCommand::Kind::Split;
    } else if (action == u"suppress"_s) {
        if (const auto bad = noMore()) {
            return *bad;
        }
        cmd.kind = IncidentCommand::Kind::Suppress;
        const auto until = Core::parseIsoTimestamp(p.value(u"until"_s));
        if (!until) {
            return io.fail(name, Tr::tr("--until: give an ISO 8601 time"));
        }
        if (cmd.reason.trimmed().isEmpty()) {
            return io.fail(name, Tr::tr("a suppression needs --reason"));
        }
        cmd.until = *until;
        cmd.rule = p.value(u"rule"_s);
        cmd.entity = p.value(u"entity"_s);
    }
    auto s = openStore(io.store, Storage::AlertStore::Mode::ReadWrite);
    if (!s) {
        return io.fail(name, s.error());
    }
    const auto r = s.value()->changeIncident(cmd);
    if (!r) {
        return io.fail(name, r.error(), ProblemFound);
    }
    if (r->refused) {
        return io.fail(name, r->message, r->notFound ? BadUsage : ProblemFound);
    }
    if (io.json) {
        io.printJson({ { u"id"_s, *id }, { u"action"_s, action }, { u"actor"_s, cmd.actor },
            { u"audit_id"_s, r->auditId }, { u"pending_approval"_s, r->pendingApproval },
            { u"created"_s,
                r->created ? QJsonValue(r->created->value) : QJsonValue(QJsonValue::Null) },
            { u"change"_s, r->message } });
    } else {
        io.out << u"#%1 %2"_s.arg(*id).arg(oneLine(r->message)) << '\n';
        if (r->pendingApproval) {
            io.out << Tr::tr("waiting for approval by a second identity: %1 incident approve %2")
                          .arg(kProgram)
                          .arg(*id)
                   << '\n';
        }
        if (r->created) {
            io.out << Tr::tr("new incident #%1").arg(r->created->value) << '\n';
        }
    }
    return Success;
}

} // namespace Lakeguard::Cli
