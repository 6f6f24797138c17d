// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QAbstractTableModel>

namespace Lakeguard::Widgets {

// The Dashboard's "top entities" table: entity, alert count, worst severity, risk.
class TopEntitiesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopEntitiesModel)

public:
    enum Column { EntityColumn, AlertsColumn, WorstColumn, RiskColumn, ColumnCount };

    explicit TopEntitiesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Headers and cells (display names, dates, numbers) in the current language and locale:
    // announces every header and cell as changed. Called on QEvent::LanguageChange, which
    // reaches the model as a child of its view.
    void retranslate();

    void setEntities(const QList<Storage::EntityRisk> &entities);

protected:
    bool event(QEvent *event) override;

private:
    QList<Storage::EntityRisk> m_entities;
};

} // namespace Lakeguard::Widgets
