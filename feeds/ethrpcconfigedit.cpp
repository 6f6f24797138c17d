// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ethrpcconfigedit.h"

#include "feedconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

Storage::Result<QByteArray> addChainNode(
    const QByteArray &feedsJson, const QString &feedId, const QString &kind, const QString &nodeUrl)
{
    using R = Storage::Result<QByteArray>;
    QJsonObject root;
    if (!feedsJson.trimmed().isEmpty()) {
        QJsonParseError pe {};
        const QJsonDocument doc = QJsonDocument::fromJson(feedsJson, &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
            return R::failure(u"the feeds file is not a JSON object: %1"_s.arg(pe.errorString()));
        }
        root = doc.object();
    }
    QJsonArray feeds = root.value(u"feeds"_s).toArray();
    bool found = false;
    for (qsizetype i = 0; i < feeds.size(); ++i) {
        QJsonObject f = feeds.at(i).toObject();
        if (f.value(u"id"_s).toString() != feedId) {
            continue;
        }
        if (f.value(u"type"_s).toString() != u"eth-rpc"_s) {
            return R::failure(u"feed \"%1\" is not a chain feed"_s.arg(feedId));
        }
        QJsonArray nodes = f.value(u"nodes"_s).toArray();
        if (nodes.contains(nodeUrl)) {
            return R::failure(u"feed \"%1\" already watches %2"_s.arg(feedId, nodeUrl));
        }
        nodes.append(nodeUrl);
        f.insert(u"nodes"_s, nodes);
        feeds[i] = f;
        found = true;
    }
    if (!found) {
        feeds.append(QJsonObject { { u"id"_s, feedId }, { u"type"_s, u"eth-rpc"_s },
            { u"kind"_s, kind }, { u"nodes"_s, QJsonArray { nodeUrl } }, { u"interval_s"_s, 5 },
            { u"expected_block_s"_s, kind == u"eth"_s ? 12 : 5 } });
    }
    root.insert(u"feeds"_s, feeds);
    const QByteArray out = QJsonDocument(root).toJson(QJsonDocument::Indented);
    if (const auto check = parseFeedsConfig(out); !check) {
        return R::failure(check.error());
    }
    return out;
}

Storage::Result<QJsonObject> withChainNode(
    const QJsonObject &existing, const QString &feedId, const QString &kind, const QString &nodeUrl)
{
    const QByteArray one = QJsonDocument(
        QJsonObject {
            { u"feeds"_s, existing.isEmpty() ? QJsonArray {} : QJsonArray { existing } } })
                               .toJson();
    const auto edited = addChainNode(one, feedId, kind, nodeUrl);
    if (!edited) {
        return Storage::Result<QJsonObject>::failure(edited.error());
    }
    const QJsonArray feeds
        = QJsonDocument::fromJson(edited.value()).object().value(u"feeds"_s).toArray();
    for (const QJsonValue f : feeds) {
        if (f.toObject().value(u"id"_s).toString() == feedId) {
            return f.toObject();
        }
    }
    return Storage::Result<QJsonObject>::failure(u"feed \"%1\" was not written"_s.arg(feedId));
}

} // namespace Lakeguard::Feeds
