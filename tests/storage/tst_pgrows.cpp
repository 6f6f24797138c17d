// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// PgRows on a QSQLITE connection runs through the SQLite C API (the writer's path): it must bind
// and read values exactly as QtSql does, split rows into its power-of-two statements, and report
// errors. PostgreSQL's path is exercised by tst_pgstore.
#include "pgrows.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <numeric>

using namespace Lakeguard::Storage;
using namespace Qt::StringLiterals;

class tst_PgRows : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void bindsAsQtSqlDoes();
    void readsAsQtSqlDoes();
    void splitsRows();
    void reportsErrorsAndCarriesOn();

private:
    QTemporaryDir m_dir;
    QSqlDatabase m_db;
};

namespace {

// Every kind of value the store binds, each in a row of its own.
QVariantList sampleValues()
{
    return {
        QVariant(qint64(-9'007'199'254'740'993LL)),
        QVariant(int(42)),
        QVariant(true),
        QVariant(2.5),
        QVariant(u"漢字 and ascii"_s),
        QVariant(QString()), // null: NULL, as QSQLITE binds it
        QVariant(u""_s), // empty, not null
        QVariant(QByteArray("\x00\x01\xff", 3)),
        QVariant(QByteArray()), // null bytes: NULL
        QVariant(QByteArray("")), // empty bytes: a blob of size 0
        QVariant(), // invalid: NULL
        QVariant(quint64(7)), // QSQLITE binds it as text
        QVariant(float(0.5f)), // and this too
        QVariant(uint(4'000'000'000U)),
    };
}

QStringList describe(QSqlDatabase db, const QString &table)
{
    QStringList out;
    QSqlQuery q(db);
    if (!q.exec(u"SELECT typeof(v), quote(v) FROM %1 ORDER BY n"_s.arg(table))) {
        return { q.lastError().text() };
    }
    while (q.next()) {
        out << q.value(0).toString() + u':' + q.value(1).toString();
    }
    return out;
}

} // namespace

void tst_PgRows::init()
{
    QVERIFY(m_dir.isValid());
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"pgrows"_s);
    static int s_store = 0;
    m_db.setDatabaseName(m_dir.filePath(u"rows-%1.db"_s.arg(++s_store)));
    QVERIFY(m_db.open());
    QSqlQuery q(m_db);
    QVERIFY(q.exec(u"CREATE TABLE a (n INTEGER PRIMARY KEY, v)"_s));
    QVERIFY(q.exec(u"CREATE TABLE b (n INTEGER PRIMARY KEY, v)"_s));
    QVERIFY(q.exec(u"CREATE TABLE u (k TEXT PRIMARY KEY, n INTEGER NOT NULL)"_s));
}

void tst_PgRows::cleanup()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"pgrows"_s);
}

void tst_PgRows::bindsAsQtSqlDoes()
{
    // Given the same values inserted through PgRows (C API) and through QSqlQuery (QSQLITE),
    const QVariantList values = sampleValues();
    QVariantList rows;
    for (qsizetype i = 0; i < values.size(); ++i) {
        rows << qint64(i) << values.at(i);
    }
    PgRows insert(u"INSERT INTO a (n, v) VALUES "_s, u"(?, ?)"_s, 2);
    QVERIFY2(insert.run(m_db, rows), "insert through the C API");
    QSqlQuery q(m_db);
    QVERIFY(q.prepare(u"INSERT INTO b (n, v) VALUES (?, ?)"_s));
    for (qsizetype i = 0; i < values.size(); ++i) {
        q.addBindValue(qint64(i));
        q.addBindValue(values.at(i));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }

    // then SQLite stores the same types and values either way.
    const QStringList viaC = describe(m_db, u"a"_s);
    QCOMPARE(viaC, describe(m_db, u"b"_s));
    QCOMPARE(viaC.size(), values.size());
    QCOMPARE(viaC.at(0), u"integer:-9007199254740993"_s);
    QCOMPARE(viaC.at(4), u"text:'漢字 and ascii'"_s);
    QCOMPARE(viaC.at(5), u"null:NULL"_s);
    QCOMPARE(viaC.at(6), u"text:''"_s);
    QCOMPARE(viaC.at(7), u"blob:X'0001FF'"_s);
    QCOMPARE(viaC.at(8), u"null:NULL"_s);
    QCOMPARE(viaC.at(9), u"blob:X''"_s);
    QCOMPARE(viaC.at(11), u"text:'7'"_s);
    QCOMPARE(viaC.at(13), u"integer:4000000000"_s);
}

void tst_PgRows::readsAsQtSqlDoes()
{
    // Given rows of every type,
    QSqlQuery q(m_db);
    QVERIFY(q.exec(u"INSERT INTO a (n, v) VALUES (0, 12345678901234), (1, 0.125), (2, 'x漢'),"
                   " (3, X'00ff'), (4, NULL)"_s));
    // when PgRows reads them back,
    PgRows select(u"SELECT n, v FROM a WHERE n IN ("_s, u"?"_s, 1, u") ORDER BY n"_s);
    QList<QVariant> read;
    QVERIFY(select.run(m_db, { 0, 1, 2, 3, 4 },
        [&read](const RowValues &row) { read << row.value(1); }));
    // then each value has the type and value QSqlQuery gives it.
    QVERIFY(q.exec(u"SELECT v FROM a ORDER BY n"_s));
    qsizetype i = 0;
    while (q.next()) {
        QVERIFY(i < read.size());
        QCOMPARE(read.at(i).isNull(), q.value(0).isNull());
        if (!q.value(0).isNull()) {
            QCOMPARE(read.at(i).typeId(), q.value(0).typeId());
            QCOMPARE(read.at(i), q.value(0));
        }
        ++i;
    }
    QCOMPARE(i, read.size());
    QCOMPARE(read.at(2).toString(), u"x漢"_s);
    QCOMPARE(read.at(3).toByteArray(), QByteArray("\x00\xff", 2));
}

void tst_PgRows::splitsRows()
{
    // 37 rows with at most 8 a statement: statements of 8, 8, 8, 8, 4 and 1 rows,
    QVariantList rows;
    for (int i = 0; i < 37; ++i) {
        rows << i << u"row %1"_s.arg(i);
    }
    PgRows insert(u"INSERT INTO a (n, v) VALUES "_s, u"(?, ?)"_s, 2, {}, 8);
    QVERIFY(insert.run(m_db, rows));
    // and a SELECT over the 37 ids, in statements of up to 8, finds each row once.
    PgRows select(u"SELECT n FROM a WHERE n IN ("_s, u"?"_s, 1, u") ORDER BY n"_s, 8);
    QVariantList ids;
    for (int i = 36; i >= 0; --i) {
        ids << i;
    }
    QList<int> seen;
    QVERIFY(select.run(m_db, ids, [&seen](const RowValues &row) { seen << row.value(0).toInt(); }));
    std::sort(seen.begin(), seen.end());
    QList<int> expected(37);
    std::iota(expected.begin(), expected.end(), 0);
    QCOMPARE(seen, expected);
    QCOMPARE(describe(m_db, u"a"_s).size(), 37);
    QCOMPARE(describe(m_db, u"a"_s).at(36), u"text:'row 36'"_s);
    // Values that are not a whole number of rows are refused before anything runs.
    QVERIFY(!insert.run(m_db, { 1 }));
}

void tst_PgRows::reportsErrorsAndCarriesOn()
{
    PgRows insert(u"INSERT INTO u (k, n) VALUES "_s, u"(?, ?)"_s, 2);
    QVERIFY(insert.run(m_db, { u"a"_s, 1 }));
    // A constraint failure is an error with SQLite's message,
    const Status dup = insert.run(m_db, { u"a"_s, 2 });
    QVERIFY(!dup);
    QVERIFY2(dup.error().contains(u"UNIQUE"_s), qPrintable(dup.error()));
    const Status null = insert.run(m_db, { u"b"_s, QVariant() });
    QVERIFY(!null);
    QVERIFY2(null.error().contains(u"NOT NULL"_s), qPrintable(null.error()));
    // and the kept statement works again afterwards.
    QVERIFY(insert.run(m_db, { u"c"_s, 3 }));
    QCOMPARE(describe(m_db, u"a"_s).size(), 0);
    QSqlQuery q(m_db);
    QVERIFY(q.exec(u"SELECT count(*) FROM u"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
    // On another connection the kept statements are prepared again for it.
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"pgrows-other"_s);
        other.setDatabaseName(m_dir.filePath(u"other.db"_s));
        QVERIFY(other.open());
        QSqlQuery create(other);
        QVERIFY(create.exec(u"CREATE TABLE u (k TEXT PRIMARY KEY, n INTEGER NOT NULL)"_s));
        QVERIFY(insert.run(other, { u"a"_s, 1 }));
        QVERIFY(create.exec(u"SELECT count(*) FROM u"_s) && create.next());
        QCOMPARE(create.value(0).toInt(), 1);
        QVERIFY(insert.run(m_db, { u"d"_s, 4 }));
        create.finish();
        other.close();
    }
    QSqlDatabase::removeDatabase(u"pgrows-other"_s);
    QVERIFY(q.exec(u"SELECT count(*) FROM u"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 3);
    // SQL that does not compile is an error, not a crash.
    PgRows broken(u"INSERT INTO nowhere VALUES "_s, u"(?)"_s, 1);
    QVERIFY(!broken.run(m_db, { 1 }));
}

QTEST_GUILESS_MAIN(tst_PgRows)
#include "tst_pgrows.moc"
