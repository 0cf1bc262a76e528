package org.namss.recert.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

/**
 * Converts what the DMN engine hands back into the types of the facade, and facade values into decision inputs.
 * With the FEEL engine of Camunda 7.24 (feel-scala), untyped FEEL dates arrive as {@link LocalDate}, date-times as
 * {@link LocalDateTime}, whole numbers as {@link Long}, decimals as {@link Double}; typed outputs as the Java type of
 * their typeRef. The conversions also accept the other plausible shapes so that a changed typeRef in a table does not
 * break the callers.
 */
final class DecisionValues {

    private DecisionValues() {
    }

    /** Exact decimal value of a decision number: a double becomes the decimal it was written as (175.5, not 175.499...). */
    static BigDecimal toBigDecimal(Object value, String name) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw unexpected(name, value);
            }
            return new BigDecimal(value.toString());
        }
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                throw unexpected(name, value);
            }
        }
        throw unexpected(name, value);
    }

    /** A money amount: exact, with at least two decimals (50 becomes 50.00); never rounded. */
    static BigDecimal toMoney(Object value, String name) {
        BigDecimal amount = toBigDecimal(value, name);
        return amount.scale() < 2 ? amount.setScale(2) : amount;
    }

    static LocalDate toLocalDate(Object value, String name) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toLocalDate();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toLocalDate();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toLocalDate();
        }
        if (value instanceof Date date) {
            // a java.util.Date can only come from a typeRef="date" output, built in the JVM's zone
            return date.toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
        }
        if (value instanceof String text) {
            String trimmed = text.trim();
            return trimmed.length() > 10 ? toLocalDateTime(trimmed, name).toLocalDate() : LocalDate.parse(trimmed);
        }
        throw unexpected(name, value);
    }

    static LocalDateTime toLocalDateTime(Object value, String name) {
        if (value instanceof LocalDateTime dateTime) {
            return dateTime;
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toLocalDateTime();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toLocalDateTime();
        }
        if (value instanceof Date date) {
            return LocalDateTime.ofInstant(date.toInstant(), ZoneId.systemDefault());
        }
        if (value instanceof String text) {
            String trimmed = text.trim();
            try {
                return LocalDateTime.parse(trimmed);
            } catch (RuntimeException notLocal) {
                try {
                    return ZonedDateTime.parse(trimmed).toLocalDateTime();
                } catch (RuntimeException e) {
                    throw unexpected(name, value);
                }
            }
        }
        throw unexpected(name, value);
    }

    static boolean toBoolean(Object value, String name) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String text && ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text))) {
            return Boolean.parseBoolean(text);
        }
        throw unexpected(name, value);
    }

    static String toText(Object value, String name) {
        if (value == null) {
            throw unexpected(name, null);
        }
        return value.toString();
    }

    /**
     * A number as a decision input: exact and without trailing zeros, so that FEEL texts show "15", not "15.00".
     */
    static BigDecimal toDecisionNumber(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static IllegalStateException unexpected(String name, Object value) {
        return new IllegalStateException("Decision output '" + name + "' has an unexpected value: "
                + (value == null ? "null" : value + " (" + value.getClass().getName() + ")"));
    }
}
