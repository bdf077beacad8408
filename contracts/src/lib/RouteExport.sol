// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {ITrustStore} from "../interfaces/ITrustStore.sol";

/**
 * @title RouteExport
 * @notice The export hash chain of a Trust Store, in one place for the ledger that writes it
 * ({TrustStore}) and the ledger that replays it ({PeerTrust}).
 *
 * Every change of an anchor's status (added, suspended, reinstated, retired) and every revocation record
 * made or annulled under an anchor appends one `ITrustStore.RouteEntry`; the head becomes
 * `keccak256(abi.encode(head, entry))`, starting from zero. The entry carries its own sequence number
 * and the exporting ledger's chain id, so the head alone commits to the whole ordered list: a peer that
 * proves the head (one storage slot, `HEAD_SLOT`) and replays entries from the head it knew proves that
 * nothing was dropped, reordered or altered.
 *
 * Why only the head is proven: a 256-bit head cannot share a slot with the sequence number without
 * being cut to fewer bits (weaker against collisions); the sequence number is inside every link, so the
 * proven head proves the sequence number it reached. The sequence number is kept in the next slot
 * (`HEAD_SLOT + 1`) for readers, never proven.
 */
library RouteExport {
    /// @notice The storage slot of the export head in the exporting TrustStore (ERC-7201 namespace
    /// "pkiledger.TrustStore.export"):
    /// keccak256(abi.encode(uint256(keccak256("pkiledger.TrustStore.export")) - 1)) & ~bytes32(uint256(0xff)).
    /// A relayer asks `eth_getProof(trustStore, [HEAD_SLOT], block)` for it.
    bytes32 internal constant HEAD_SLOT = 0x5d63a32651457c3d27ee7ca5ca855f512d9f9a73a33c2e54e665e73c9b8afe00;

    /// @notice The head after `entry` is appended to the chain whose head is `head`.
    function link(bytes32 head, ITrustStore.RouteEntry memory entry) internal pure returns (bytes32) {
        return keccak256(abi.encode(head, entry));
    }
}
