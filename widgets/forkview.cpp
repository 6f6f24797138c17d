// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "forkview.h"

#include "textsupport.h"
#include "theme.h"

#include <QEvent>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

ForkView::ForkView(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_tree(new QTreeWidget(this))
{
    setObjectName(u"forkView"_s);
    setStyleSheet(u"QFrame#forkView { background: #fef2f2; border: 1px solid #fca5a5;"
                  " border-radius: 6px; }"_s);
    m_title->setTextFormat(Qt::PlainText);
    QFont f = m_title->font();
    f.setWeight(QFont::DemiBold);
    m_title->setFont(f);
    m_title->setStyleSheet(u"color: #991b1b;"_s);
    m_tree->setColumnCount(2);
    m_tree->setRootIsDecorated(false);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setFixedHeight(m_tree->fontMetrics().height() * 4 + 12);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_tree);
    retranslateUi();
    hide();
}

void ForkView::retranslateUi()
{
    m_tree->setHeaderLabels({ tr("Block hash"), tr("Nodes following it") });
    m_title->setText(m_height >= 0
            ? tr("Fork on %1 at height %2: %n competing block(s)", nullptr, int(m_branches.size()))
                  .arg(Core::displayText(m_chain), QLocale().toString(m_height))
            : QString());
}

void ForkView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QFrame::changeEvent(event);
}

QString ForkView::titleText() const
{
    return m_title->text();
}

void ForkView::setFork(const QString &chain, qint64 height, const QList<ForkBranch> &branches)
{
    m_chain = chain;
    m_height = height;
    m_branches = branches;
    m_tree->clear();
    const QFontMetrics fm = m_tree->fontMetrics();
    for (const ForkBranch &b : branches) {
        // Hashes and node names come from the fork alert (what the nodes said).
        const QString hash = Core::displayText(b.hash);
        QStringList nodes;
        for (const QString &n : b.nodes) {
            nodes << Core::displayText(n);
        }
        auto *item = new QTreeWidgetItem(m_tree, { hash, nodes.join(u", "_s) });
        item->setToolTip(0, Theme::plainToolTip(hash));
        item->setToolTip(1, Theme::plainToolTip(nodes.join(u"\n"_s)));
    }
    m_tree->setColumnWidth(0, fm.horizontalAdvance(QString(66, u'0')) + 16);
    m_tree->setFixedHeight(fm.height() * int(std::min<qsizetype>(branches.size(), 4) + 1) + 24);
    retranslateUi();
    setVisible(!branches.isEmpty());
}

void ForkView::clearFork()
{
    m_branches.clear();
    m_height = -1;
    m_tree->clear();
    hide();
}

bool ForkView::branchesFromAlert(
    const Core::Alert &alert, qint64 *height, QList<ForkBranch> *branches)
{
    const QJsonObject raw = QJsonDocument::fromJson(alert.raw).object();
    const QJsonArray list = raw.value(u"branches"_s).toArray();
    if (list.size() < 2) {
        return false;
    }
    branches->clear();
    for (const QJsonValue v : list) {
        ForkBranch b;
        b.hash = v.toObject().value(u"hash"_s).toString();
        for (const QJsonValue n : v.toObject().value(u"nodes"_s).toArray()) {
            b.nodes.append(n.toString());
        }
        branches->append(b);
    }
    *height = raw.value(u"height"_s).toInteger(-1);
    return true;
}

QList<ForkBranch> ForkView::branchesFromObservations(
    const QList<Core::ChainObservation> &nodes, qint64 *height)
{
    QList<ForkBranch> out;
    *height = -1;
    for (const Core::ChainObservation &o : nodes) {
        if (o.state != u"forked") {
            continue;
        }
        *height = *height < 0 ? o.height : std::min(*height, o.height);
        auto it = std::find_if(
            out.begin(), out.end(), [&o](const ForkBranch &b) { return b.hash == o.headHash; });
        if (it == out.end()) {
            out.append({ o.headHash, { o.node } });
        } else {
            it->nodes.append(o.node);
        }
    }
    return out.size() >= 2 ? out : QList<ForkBranch> {};
}

} // namespace Lakeguard::Widgets
