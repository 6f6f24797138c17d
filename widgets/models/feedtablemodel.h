// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QAbstractTableModel>

namespace Lakeguard::Widgets {

// Feed health rows (FeedStatus) for the Feeds view. A refresh with the same feeds in the same
// order updates cells in place (selection and scroll survive); otherwise the model resets.
class FeedTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FeedTableModel)

public:
    enum Column {
        IdColumn,
        TypeColumn,
        StateColumn,
        LastEventColumn,
        ReceivedColumn,
        AcceptedColumn,
        DuplicatesColumn,
        QuarantinedColumn,
        SkippedColumn,
        BytesColumn,
        LastErrorColumn,
        ColumnCount
    };

    explicit FeedTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Headers and cells (display names, dates, numbers) in the current language and locale:
    // announces every header and cell as changed. Called on QEvent::LanguageChange, which
    // reaches the model as a child of its view.
    void retranslate();

    void setFeeds(const QList<Storage::FeedStatus> &feeds);
    const QList<Storage::FeedStatus> &feeds() const { return m_feeds; }

protected:
    bool event(QEvent *event) override;

private:
    QList<Storage::FeedStatus> m_feeds;
};

} // namespace Lakeguard::Widgets
