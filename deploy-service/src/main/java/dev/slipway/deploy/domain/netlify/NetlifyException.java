package dev.slipway.deploy.domain.netlify;

import dev.slipway.deploy.domain.DeployException;

/**
 * A Netlify operation failed. The message names the operation, the site or deploy and Netlify's answer (status and
 * the message from its body), never the token. {@link #permanent()} says whether trying again can help.
 */
public class NetlifyException extends DeployException {

    private final int status;
    private final boolean permanent;

    public NetlifyException(String message, int status, boolean permanent) {
        super(message);
        this.status = status;
        this.permanent = permanent;
    }

    public NetlifyException(String message, int status, boolean permanent, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.permanent = permanent;
    }

    /** Netlify's HTTP status, or 0 when there was no answer (network failure, timeout while polling). */
    public int status() {
        return status;
    }

    /** True when the same request will fail the same way (bad request, bad token, unknown site, failed deploy). */
    public boolean permanent() {
        return permanent;
    }
}
