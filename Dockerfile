# gwsocket node image: docker compose builds it for every node of the cluster.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/GwSocket.Server -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# man gwsocket (generated from the options' declarations, as --help).
COPY doc/gwsocket.1 /usr/share/man/man1/gwsocket.1
# WebSocket port and Akka.Remote port.
EXPOSE 7890 4053
# Healthy while GET /readyz answers 200: listening, pipes open, an Up cluster member, not shutting down.
# The image has no curl or wget: bash's /dev/tcp speaks the request.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/7890 && printf 'GET /readyz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "gwsocket.dll"]
