package io.cutplan.host.standalone;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar cutplan-standalone.jar [options]}: see {@link StandaloneOptions#usage()}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        StandaloneOptions options;
        Optional<String> setPasswordFor;
        try {
            setPasswordFor = SetPasswordCommand.username(args);
            options = StandaloneOptions.parse(SetPasswordCommand.remainingArgs(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("cutplan: " + e.getMessage());
            System.err.print(StandaloneOptions.usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(StandaloneOptions.usage());
            return;
        }
        if (setPasswordFor.isPresent()) {
            try {
                System.exit(SetPasswordCommand.run(setPasswordFor.get(), options, System.getenv()));
            } catch (IllegalArgumentException e) {
                System.err.println("cutplan: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        StandaloneHost host = StandaloneHost.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Cutplan: stopping");
            host.close();
            stopped.countDown();
        }, "cutplan-shutdown"));
        System.out.println("Cutplan is running at http://" + options.bindAddress() + ":" + host.port()
                + "/  (schema version " + host.schemaVersion() + "; Ctrl-C to stop)");
        stopped.await();
    }
}
