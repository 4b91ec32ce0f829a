# gwsocket node image: docker compose builds it for every node of the cluster.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/GwSocket.Server -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# WebSocket port and Akka.Remote port.
EXPOSE 7890 4053
ENTRYPOINT ["dotnet", "gwsocket.dll"]
