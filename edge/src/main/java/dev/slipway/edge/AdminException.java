package dev.slipway.edge;

/**
 * A request the admin API refuses, answered as {@code {"error": message, "field": field}} with its status.
 * Messages never quote a service's {@code env} values.
 */
final class AdminException extends RuntimeException {
    private final int status;
    private final String field;

    private AdminException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    static AdminException badRequest(String message, String field) {
        return new AdminException(400, message, field);
    }

    static AdminException forbidden(String message) {
        return new AdminException(403, message, null);
    }

    static AdminException notFound(String message) {
        return new AdminException(404, message, null);
    }

    static AdminException methodNotAllowed(String message) {
        return new AdminException(405, message, null);
    }

    static AdminException conflict(String message, String field) {
        return new AdminException(409, message, field);
    }

    static AdminException unavailable(String message) {
        return new AdminException(503, message, null);
    }

    static AdminException failed(String message) {
        return new AdminException(500, message, null);
    }

    int status() {
        return status;
    }

    /** The request field that is wrong; null when it is not one field. */
    String field() {
        return field;
    }
}
