package dev.slipway.ingest.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

final class Json {

    private Json() {
    }

    /** " at line L, column C" when the parser knows where the problem is. */
    static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
