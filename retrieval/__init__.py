"""Article retrieval: ingest, index, answers, entities and storage.

Plain Python shared by the command line, the Discord bot and the benchmarks; nothing in this
package imports discord.
"""
