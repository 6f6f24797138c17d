// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"

#include <QFrame>

class QLabel;
class QTreeWidget;

namespace Lakeguard::Widgets {

struct ForkBranch
{
    QString hash;
    QStringList nodes;
};

// The competing block hashes at a fork's height and which nodes follow each. Fed from the
// chain.fork alert's raw record (height, branches), or, for monitors that do not record
// branches, from the forked nodes' head hashes. Hashes and node names are plain text.
class ForkView final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ForkView)

public:
    explicit ForkView(QWidget *parent = nullptr);

    void setFork(const QString &chain, qint64 height, const QList<ForkBranch> &branches);
    void clearFork();
    bool hasFork() const { return !m_branches.isEmpty(); }
    const QList<ForkBranch> &branches() const { return m_branches; }
    QString titleText() const;

    // From a chain.fork alert ({"height":…, "branches":[{"hash":…, "nodes":[…]}]}); false when the
    // alert holds no branches.
    static bool branchesFromAlert(
        const Core::Alert &alert, qint64 *height, QList<ForkBranch> *branches);
    // Forked nodes grouped by their head hash; `height` is their lowest height.
    static QList<ForkBranch> branchesFromObservations(
        const QList<Core::ChainObservation> &nodes, qint64 *height);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_title;
    QTreeWidget *m_tree;
    QString m_chain;
    qint64 m_height = -1;
    QList<ForkBranch> m_branches;
};

} // namespace Lakeguard::Widgets
