package dev.veloera.bench.stacks;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Stack 5: Netty 4.2 (epoll where the native transport loads), one event loop per core decoding HTTP/1.1; the hop's
 * blocking upstream call runs on a virtual thread per request, never on an event loop, and the answer is written
 * back through the channel (Netty hands the write to the channel's loop). Pipelined requests are not kept in order:
 * neither wrk nor OpenAI's SDKs pipeline.
 */
final class NettyStack {

    private static final int MAX_BODY = 32 * 1024 * 1024;

    private NettyStack() {
    }

    static void start(int port, RelayHop hop) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), io);
        new ServerBootstrap()
                .group(boss, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), new Relay(hop));
                    }
                })
                .bind("127.0.0.1", port).sync();
        System.out.println("netty transport: " + (epoll ? "epoll" : "nio"));
    }

    static final class Relay extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final RelayHop hop;

        Relay(RelayHop hop) {
            this.hop = hop;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!HttpMethod.POST.equals(request.method()) || !request.uri().startsWith("/v1/chat/completions")) {
                write(ctx, HttpResponseStatus.NOT_FOUND, new byte[0], keepAlive);
                return;
            }
            byte[] body = ByteBufUtil.getBytes(request.content()); // the request's buffer is released on return
            Thread.startVirtualThread(() -> {
                try {
                    RelayHop.Answer answer = hop.relay(body);
                    write(ctx, HttpResponseStatus.valueOf(answer.status()), answer.body(), keepAlive);
                } catch (Exception e) {
                    write(ctx, HttpResponseStatus.BAD_GATEWAY, new byte[0], false);
                }
            });
        }

        private static void write(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body, boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (!keepAlive) {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(response);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
