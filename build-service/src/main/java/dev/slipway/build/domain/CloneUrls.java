package dev.slipway.build.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps credentials that may be part of a clone URL ({@code https://user:token@host/...}) out of logs. */
public final class CloneUrls {
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@]+)@");

    private CloneUrls() {
    }

    /** The URL with its user information replaced by {@code ***}. */
    public static String redact(String url) {
        return USER_INFO.matcher(url).replaceFirst("$1***@");
    }

    /** {@code text} with the URL's user information masked, also in its percent-decoded form. */
    public static String mask(String text, String url) {
        Matcher m = USER_INFO.matcher(url);
        if (!m.find()) {
            return text;
        }
        String userInfo = m.group(2);
        String masked = text.replace(userInfo, "***");
        int colon = userInfo.indexOf(':');
        String password = colon < 0 ? "" : userInfo.substring(colon + 1);
        if (!password.isEmpty()) {
            masked = masked.replace(password, "***")
                    .replace(URLDecoder.decode(password, StandardCharsets.UTF_8), "***");
        }
        return masked;
    }
}
