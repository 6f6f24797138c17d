// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fabricadapter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds::Fabric {

namespace {

// A sample's value as an integer: NaN is 0 and values beyond T's range clamp to it (a cast of
// such a double is undefined behaviour; fuzz_prometheus found 1e+52).
template<typename T>
T toInteger(double v)
{
    if (std::isnan(v)) {
        return 0;
    }
    if (v >= double(std::numeric_limits<T>::max())) {
        return std::numeric_limits<T>::max();
    }
    if (v <= double(std::numeric_limits<T>::min())) {
        return std::numeric_limits<T>::min();
    }
    return T(v);
}

} // namespace

// Text format: `# HELP`/`# TYPE` comments, then `name{k="v",…} value [timestamp]`; label values
// escape \\, \" and \n.
QList<Metric> parsePrometheus(const QByteArray &text)
{
    QList<Metric> out;
    for (const QByteArray &rawLine : text.split('\n')) {
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.isEmpty() || line.startsWith(u'#')) {
            continue;
        }
        Metric m;
        qsizetype i = 0;
        while (i < line.size() && line.at(i) != u'{' && !line.at(i).isSpace()) {
            ++i;
        }
        m.name = line.left(i);
        if (i < line.size() && line.at(i) == u'{') {
            ++i;
            while (i < line.size() && line.at(i) != u'}') {
                const qsizetype eq = line.indexOf(u'=', i);
                if (eq < 0 || eq + 1 >= line.size() || line.at(eq + 1) != u'"') {
                    break;
                }
                const QString key = line.mid(i, eq - i).trimmed();
                QString value;
                qsizetype j = eq + 2;
                for (; j < line.size() && line.at(j) != u'"'; ++j) {
                    if (line.at(j) == u'\\' && j + 1 < line.size()) {
                        ++j;
                        value += line.at(j) == u'n' ? u'\n' : line.at(j);
                    } else {
                        value += line.at(j);
                    }
                }
                m.labels.insert(key, value);
                i = j + 1;
                while (i < line.size() && (line.at(i) == u',' || line.at(i).isSpace())) {
                    ++i;
                }
            }
            ++i;
        }
        const QStringList rest = line.mid(i).split(u' ', Qt::SkipEmptyParts);
        if (m.name.isEmpty() || rest.isEmpty()) {
            continue;
        }
        bool ok = false;
        m.value = rest.first().toDouble(&ok);
        if (ok) {
            out.append(m);
        }
    }
    return out;
}

bool parse(int healthStatus, const QByteArray &healthBody, const QByteArray &metrics,
    const QString &channel, NodeSample &s, Extra *extra)
{
    const QJsonObject health = QJsonDocument::fromJson(healthBody).object();
    if (healthStatus != 200) {
        QStringList failed;
        for (const QJsonValue v : health.value(u"failed_checks"_s).toArray()) {
            const QJsonObject c = v.toObject();
            failed.append(u"%1: %2"_s.arg(
                c.value(u"component"_s).toString(), c.value(u"reason"_s).toString()));
        }
        s.error = failed.isEmpty() ? u"healthz answered HTTP %1"_s.arg(healthStatus)
                                   : u"healthz: %1"_s.arg(failed.join(u"; "_s));
        return false;
    }
    Extra e;
    e.channel = channel;
    for (const Metric &m : parsePrometheus(metrics)) {
        const QString ch = m.labels.value(u"channel"_s);
        if (m.name == u"ledger_blockchain_height"_s && (e.channel.isEmpty() || ch == e.channel)) {
            e.channel = ch;
            s.height = toInteger<qint64>(m.value);
        } else if (m.name == u"consensus_etcdraft_leader_changes"_s
            && (channel.isEmpty() || ch == channel)) {
            e.leaderChanges = toInteger<qint64>(m.value);
        } else if (m.name == u"consensus_etcdraft_is_leader"_s
            && (channel.isEmpty() || ch == channel)) {
            e.isLeader = toInteger<int>(m.value);
        } else if (m.name == u"consensus_etcdraft_cluster_size"_s) {
            s.peers = std::max(0, toInteger<int>(m.value) - 1);
        }
    }
    s.chainId = e.channel;
    s.clientVersion = u"Hyperledger Fabric"_s;
    if (extra) {
        *extra = e;
    }
    if (s.height < 0) {
        s.error = channel.isEmpty() ? u"no ledger_blockchain_height in /metrics"_s
                                    : u"no ledger_blockchain_height for channel %1"_s.arg(channel);
        return false;
    }
    return true;
}

} // namespace Lakeguard::Feeds::Fabric
