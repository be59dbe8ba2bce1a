package dev.slipway.deploy.api;

import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.DeploymentRepository;

import java.util.List;

/**
 * What someone following a deployment's log has not seen yet: its new whole lines, poll by poll, and its final
 * status once it ended. Each poll runs in a transaction of its own.
 */
final class DeployLogFollower {

    /** @param endedWith the deployment's final status once it is over: nothing more will come; null before */
    record Update(List<String> lines, String endedWith) {
        boolean ended() {
            return endedWith != null;
        }
    }

    private final long id;
    private int sent;

    DeployLogFollower(long id) {
        this.id = id;
    }

    Update poll(DeploymentRepository deployments) {
        // the status first: lines are stored before the status turns final, so a final status means a final log
        Deployment d = deployments.findById(id);
        boolean ended = d.status.isTerminal();
        String fresh = deployments.log(id).substring(sent);
        String text = ended ? fresh : fresh.substring(0, fresh.lastIndexOf('\n') + 1);
        sent += text.length();
        List<String> lines = text.isEmpty() ? List.of() : List.of(text.replaceFirst("\n$", "").split("\n", -1));
        return new Update(lines, ended ? d.status.name() : null);
    }
}
