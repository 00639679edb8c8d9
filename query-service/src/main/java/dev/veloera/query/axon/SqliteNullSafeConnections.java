package dev.veloera.query.axon;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The SQLite driver throws "Bad value for type Long" from {@code ResultSet.getObject(column, Long.class)}
 * when the value is SQL NULL, where JDBC says it returns null. Axon reads {@code MAX(global_index)}
 * and {@code MIN(global_index)} that way, which are NULL on an empty event store or when no event
 * lies ahead of a token, so on SQLite Axon's connections pass through here: typed reads of a NULL
 * value answer null, everything else goes to the driver unchanged.
 */
final class SqliteNullSafeConnections {

    private SqliteNullSafeConnections() {
    }

    static Connection wrap(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Statement statement ? wrapStatement(statement, method.getReturnType()) : result;
        });
    }

    private static Object wrapStatement(Statement statement, Class<?> declaredType) {
        Class<?> type = Statement.class.isAssignableFrom(declaredType) ? declaredType : Statement.class;
        return proxy(type, statement, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof ResultSet resultSet ? wrapResultSet(resultSet) : result;
        });
    }

    private static ResultSet wrapResultSet(ResultSet resultSet) {
        return proxy(ResultSet.class, resultSet, (target, method, args) -> {
            if (method.getName().equals("getObject") && args != null && args.length == 2 && args[1] instanceof Class<?>) {
                Object raw = args[0] instanceof Integer column ? target.getObject(column) : target.getObject((String) args[0]);
                if (raw == null) {
                    return null;
                }
            }
            return invoke(target, method, args);
        });
    }

    private interface Handler<T> {
        Object handle(T target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, T target, Handler<T> handler) {
        InvocationHandler invocationHandler = (proxy, method, args) -> handler.handle(target, method, args);
        return (T) Proxy.newProxyInstance(SqliteNullSafeConnections.class.getClassLoader(), new Class<?>[]{type},
                invocationHandler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
