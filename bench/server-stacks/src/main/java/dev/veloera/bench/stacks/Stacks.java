package dev.veloera.bench.stacks;

import java.util.Map;

import dev.veloera.bench.stacks.spring.SpringStack;

/**
 * One stack per JVM, so that none disturbs another's JIT or GC:
 * {@code java -cp … dev.veloera.bench.stacks.Stacks STACK PORT UPSTREAM_URL}, serving POST /v1/chat/completions on
 * 127.0.0.1:PORT until killed. Prints "ready" once it listens.
 */
public final class Stacks {

    /** Starts a stack on the port, relaying to the upstream; returns once it listens. */
    interface Stack {
        void start(int port, String upstream) throws Exception;
    }

    static final Map<String, Stack> STACKS = Map.of(
            "spring-mvc", (port, upstream) -> SpringStack.start(port, upstream, false),
            "spring-mvc-lean", (port, upstream) -> SpringStack.start(port, upstream, true),
            "tomcat-servlet", (port, upstream) -> TomcatServletStack.start(port, RelayHop.fromArgs(upstream)),
            "jdk-httpserver", (port, upstream) -> JdkHttpServerStack.start(port, RelayHop.fromArgs(upstream)),
            "netty", (port, upstream) -> NettyStack.start(port, RelayHop.fromArgs(upstream)),
            "helidon-se", (port, upstream) -> HelidonStack.start(port, RelayHop.fromArgs(upstream)));

    public static void main(String[] args) throws Exception {
        Stack stack = STACKS.get(args[0]);
        if (args.length != 3 || stack == null) {
            System.err.println("usage: Stacks " + STACKS.keySet() + " PORT UPSTREAM_URL");
            System.exit(2);
        }
        stack.start(Integer.parseInt(args[1]), args[2]);
        System.out.println("ready: " + args[0] + " on 127.0.0.1:" + args[1]);
    }
}
