// SPDX-License-Identifier: UNLICENSED
// Records the Merkle root of each batch of Mnbara ledger entries and bid-log heads, so anyone can check an inclusion proof against the chain.
pragma solidity ^0.8.37;

/// @title Mnbara batch anchor
/// @notice The deployer (owner) writes one (root, leaf count) per batch id, once. Nothing can be
///         changed or removed afterwards: that immutability is the point of anchoring.
contract MnbaraAnchor {
    /// @dev What is kept per batch. Packed into two slots: root, then leafCount + anchoredAt.
    struct Anchor {
        bytes32 root;
        uint32 leafCount;
        /// Block timestamp (seconds) of the anchoring transaction; 0 means "not anchored".
        uint64 anchoredAt;
    }

    /// The only account allowed to anchor: the deployer. There is deliberately no transfer: a new
    /// anchoring key means a new contract, so one address never mixes roots from two signers.
    address public immutable owner;

    mapping(uint64 batchId => Anchor) private anchors;

    event Anchored(uint64 indexed batchId, bytes32 root, uint32 leafCount);

    error NotOwner(address caller);
    error BatchAlreadyAnchored(uint64 batchId);
    error ZeroRoot();
    error ZeroLeafCount();

    constructor() {
        owner = msg.sender;
    }

    /// @notice Records `root` over `leafCount` leaves for `batchId`. Reverts if the batch is
    ///         already anchored, so a retried transaction can never overwrite a published root.
    function anchor(uint64 batchId, bytes32 root, uint32 leafCount) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (root == bytes32(0)) revert ZeroRoot();
        if (leafCount == 0) revert ZeroLeafCount();
        if (anchors[batchId].anchoredAt != 0) revert BatchAlreadyAnchored(batchId);

        anchors[batchId] = Anchor({ root: root, leafCount: leafCount, anchoredAt: uint64(block.timestamp) });
        emit Anchored(batchId, root, leafCount);
    }

    /// @notice The anchor of `batchId`; all zero when it was never anchored.
    function anchorOf(uint64 batchId) external view returns (bytes32 root, uint32 leafCount, uint64 anchoredAt) {
        Anchor storage stored = anchors[batchId];
        return (stored.root, stored.leafCount, stored.anchoredAt);
    }
}
