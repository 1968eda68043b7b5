package org.openlsa.store.sqlite.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps prepared statements for reuse on the store's one connection. Preparing was the largest CPU cost of a logon
 * (about a third of it, docs/performance.md), because every call of every table prepared its SQL afresh.
 *
 * <p>{@link #view()} is the connection the table code sees: its {@code prepareStatement(sql)} hands out an idle
 * cached statement for that SQL, whose {@code close()} clears it and returns it to the cache. A statement still in use
 * (the same SQL run again inside a loop over its own result) gets a fresh, uncached one, so reuse is never visible.
 * Not thread-safe: {@link Database} calls it only under its lock.
 */
final class StatementCache {
    private final Connection real;
    private final Map<String, PreparedStatement> idle = new HashMap<>();
    private final Connection view;
    private PreparedStatement dataVersion; // prepared on first use, on the real connection

    StatementCache(Connection real) {
        this.real = real;
        this.view = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ConnectionView());
    }

    Connection view() {
        return view;
    }

    /** A statement for {@code sql}: cached when idle, else fresh. Closing it returns it to the cache. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = idle.remove(sql);
        if (ps == null) {
            ps = real.prepareStatement(sql);
        }
        PreparedStatement statement = ps;
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, new Borrowed(sql, statement));
    }

    /**
     * SQLite's {@code PRAGMA data_version}. {@link Database#cachedRead} asks it before every memoized read, a dozen
     * times a logon, so it keeps its own statement on the real connection: no proxy, no parameters to clear.
     */
    long dataVersion() throws SQLException {
        if (dataVersion == null) {
            dataVersion = real.prepareStatement("PRAGMA data_version");
        }
        try (java.sql.ResultSet rs = dataVersion.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** Closes every cached statement (before the connection closes). */
    void closeAll() {
        if (dataVersion != null) {
            try {
                dataVersion.close();
            } catch (SQLException ignored) {
                // the connection is closing anyway
            }
            dataVersion = null;
        }
        for (PreparedStatement ps : idle.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // the connection is closing anyway
            }
        }
        idle.clear();
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private final class ConnectionView implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            if (m.getName().equals("prepareStatement") && args != null && args.length == 1 && args[0] instanceof String sql) {
                return prepare(sql);
            }
            if (m.getName().equals("close")) {
                throw new SQLException("the store's connection is closed by the store, not by table code");
            }
            return StatementCache.invoke(real, m, args);
        }
    }

    private final class Borrowed implements InvocationHandler {
        private final String sql;
        private final PreparedStatement statement;
        private boolean returned;

        Borrowed(String sql, PreparedStatement statement) {
            this.sql = sql;
            this.statement = statement;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            switch (m.getName()) {
                case "close" -> {
                    if (!returned) {
                        returned = true;
                        giveBack();
                    }
                    return null;
                }
                case "isClosed" -> {
                    return returned || statement.isClosed();
                }
                case "getConnection" -> {
                    return view;
                }
                default -> {
                    if (returned) {
                        throw new SQLException("statement already closed");
                    }
                    return StatementCache.invoke(statement, m, args);
                }
            }
        }

        private void giveBack() throws SQLException {
            try {
                statement.clearParameters();
                statement.clearBatch();
            } catch (SQLException e) {
                statement.close(); // not reusable: drop it
                return;
            }
            if (idle.putIfAbsent(sql, statement) != null) {
                statement.close(); // a fresh duplicate made while this one was in use
            }
        }
    }
}
