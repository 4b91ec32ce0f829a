using System.Buffers;

namespace GwSocket.Protocol.Pipes;

/// <summary>What the end of a snapshot changed in the stream: opens written, closes written, and clients the stream already had open.</summary>
public readonly record struct SnapshotReconciliation(int Opened, int Closed, int AlreadyOpen);

/// <summary>
/// The pipe-out stream that <c>gwsocket pipe --events</c> writes out, kept one consistent stream across reconnections.
/// Each connection starts with a snapshot, an open for every live client ended by <see cref="SnapshotEnd"/>, which is
/// held back until it is complete and then compared with the clients the stream has open: a client already open is not
/// opened again, one the snapshot lacks gets its close (it left while the watcher was away), one the stream lacks gets
/// its open. After the snapshot, strict records pass as they come, whole ones only (a record cut by a lost connection
/// is never written), and the open clients are tracked. In standard mode (no opens or closes) the bytes pass as they are.
/// </summary>
public sealed class EventStreamReconciler
{
    private readonly Dictionary<uint, byte[]> _openAddresses = [];
    private readonly ArrayBufferWriter<byte> _held = new();
    private bool _inSnapshot = true;
    private bool _strict;

    /// <summary>The clients the stream written so far has open.</summary>
    public int OpenClients => _openAddresses.Count;

    /// <summary>The connection is over: the next bytes are a new connection's snapshot. Returns the length of the record it cut, which is dropped.</summary>
    public int EndConnection()
    {
        // An unfinished snapshot was never written: the next one replaces it.
        var cut = _inSnapshot ? 0 : _held.WrittenCount;
        _held.ResetWrittenCount();
        _inSnapshot = true;
        return cut;
    }

    /// <summary>Bytes of the connection's binary messages; what is ready to be written goes to <paramref name="output"/>.</summary>
    public void Receive(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        if (!_inSnapshot && !_strict)
        {
            output.Write(bytes);
            return;
        }
        _held.Write(bytes);
        if (!_inSnapshot)
            KeepFrom(WriteWholeRecords(_held.WrittenSpan, output));
    }

    /// <summary>The snapshot is complete (<paramref name="strict"/>: the node's mode): writes what it changes in the stream.</summary>
    public SnapshotReconciliation EndSnapshot(bool strict, IBufferWriter<byte> output)
    {
        _strict = strict;
        _inSnapshot = false;
        if (!strict)
        {
            output.Write(_held.WrittenSpan);
            _held.ResetWrittenCount();
            return default;
        }
        var live = new HashSet<uint>();
        int opened = 0, closed = 0, alreadyOpen = 0;
        var snapshot = _held.WrittenSpan;
        var end = 0;
        while (StrictRecordBoundaries.WholeRecords(snapshot[end..], 1) is var length and > 0)
        {
            var record = snapshot.Slice(end, length);
            end += length;
            var header = StrictRecordHeader.Read(record);
            if (header.Type == StrictRecordType.Open)
            {
                live.Add(header.ClientId);
                if (_openAddresses.TryGetValue(header.ClientId, out var address))
                {
                    if (address.AsSpan().SequenceEqual(record[StrictRecordHeader.Size..]))
                    {
                        alreadyOpen++;
                        continue;
                    }
                    // The id names another client now (its node restarted with the same slot): the first one left.
                    output.Write(StrictRecordEncoder.Close(header.ClientId));
                    closed++;
                }
                opened++;
            }
            Track(record);
            output.Write(record);
        }
        foreach (var gone in _openAddresses.Keys.Where(id => !live.Contains(id)).ToList())
        {
            _openAddresses.Remove(gone);
            output.Write(StrictRecordEncoder.Close(gone));
            closed++;
        }
        KeepFrom(end);
        return new SnapshotReconciliation(opened, closed, alreadyOpen);
    }

    /// <summary>Writes the whole records <paramref name="bytes"/> starts with; returns their length.</summary>
    private int WriteWholeRecords(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        var end = 0;
        while (StrictRecordBoundaries.WholeRecords(bytes[end..], 1) is var length and > 0)
        {
            Track(bytes.Slice(end, length));
            end += length;
        }
        output.Write(bytes[..end]);
        return end;
    }

    private void Track(ReadOnlySpan<byte> record)
    {
        var header = StrictRecordHeader.Read(record);
        if (header.Type == StrictRecordType.Open)
            _openAddresses[header.ClientId] = record[StrictRecordHeader.Size..].ToArray();
        else if (header.Type == StrictRecordType.Close)
            _openAddresses.Remove(header.ClientId);
    }

    /// <summary>Keeps the held bytes from <paramref name="start"/> on (a record not yet complete).</summary>
    private void KeepFrom(int start)
    {
        if (start == 0)
            return;
        var rest = _held.WrittenSpan[start..].ToArray();
        _held.ResetWrittenCount();
        _held.Write(rest);
    }
}
