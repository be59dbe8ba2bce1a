package dev.slipway.notify.domain;

/**
 * How a message is written for its channel: Slack reads mrkdwn, email and webhook receivers get plain text. The words
 * are the same; only the markup differs.
 */
public enum TextFormat {
    /** Slack's mrkdwn: pipeline text escaped ({@code & < >}), links in angle brackets, bold and italics marked. */
    SLACK {
        @Override
        public String escape(String text) {
            return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }

        @Override
        public String link(String url) {
            return "<" + url + ">";
        }

        @Override
        public String bold(String text) {
            return "*" + text + "*";
        }

        @Override
        public String italic(String text) {
            return "_" + text + "_";
        }

        @Override
        public String alarm() {
            return ":rotating_light:";
        }
    },
    /** Text as written. */
    PLAIN {
        @Override
        public String escape(String text) {
            return text == null ? "" : text;
        }

        @Override
        public String link(String url) {
            return url;
        }

        @Override
        public String bold(String text) {
            return text;
        }

        @Override
        public String italic(String text) {
            return text;
        }

        @Override
        public String alarm() {
            return "🚨";
        }
    };

    /** Pipeline text, shown as written whatever it contains. */
    public abstract String escape(String text);

    public abstract String link(String url);

    public abstract String bold(String text);

    public abstract String italic(String text);

    /** The incident report's opening sign. */
    public abstract String alarm();
}
