package dev.veloera.relay.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Veloera's {@code /hf/v1/**} (for Hugging Face style clients): the same API as {@code /v1/**}. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class HfAliasFilter extends OncePerRequestFilter {

    static final String PREFIX = "/hf/v1/";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring("/hf".length());
        String query = request.getQueryString();
        request.getRequestDispatcher(query == null ? path : path + "?" + query).forward(request, response);
    }
}
